import ArrearsCore
import ArrearsStore
import Vapor

/// The compliance officer's console (`/compliance`, compliance and admin): what they review each
/// day, from the records that exist, each line linking to the customer's open case:
/// the breaches and overrides, with who, when on the customer's clock and why
/// (`ContactExceptions`); the actions the policy pack blocked, counted by rule, each count a link
/// to the list of that rule's (`ComplianceWatch.blocked`); the open complaints and the flags
/// in force today. Rules are shown in words (their description in the pack).
///
/// `GET /compliance?from=&to=&rule=`: without a period, the breaches of each customer's today
/// and the blocked actions of the latest business date; with one (`from`, `to` or both, dates
/// included), both for those dates; `rule` lists only that rule's blocked actions (empty for
/// those without a recorded rule). Each list shows at most `limit` lines. The console's other
/// pages (flags, complaints, the audit log, the outbox) are linked from its top.
struct CompliancePageController: RouteCollection {
    static let roles: Set<Role> = [.compliance, .admin]
    static let limit = 100

    struct Page {
        let t: [String: String]
        let lang: String
        let today: String
        /// Whether the reader may open case pages, which the lines link to then.
        let caseLinks: Bool
        /// The period chosen, as typed; empty for the default.
        let from: String
        let to: String
        /// The rule whose blocked actions are listed; nil for every rule.
        let rule: String?
        /// Whether the breaches are the period's (false: each customer's today).
        let breachesOfPeriod: Bool
        let breaches: [SupervisorPageController.ExceptionLine]
        /// The open case of each customer named on the page.
        let cases: [String: String]
        let blocked: ComplianceWatch.Blocked
        let complaints: [ComplaintHandling.Listed]
        let flags: [ComplianceWatch.ActiveFlag]
        let form: PageForm
        /// The bank's zone, whose clock the complaints' and the blocked actions' times are shown on.
        let zone: TimeZone
        /// A rule's id in words (in the page's language, else its description in the pack); nil for a rule nobody describes.
        let ruleWords: (String) -> String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("compliance", use: page)
    }

    func page(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let words = localizer.table
        let now = req.context.now()
        let today = req.context.dateRules.today(now: now)
        let pack = req.context.policy?.pack
        let ruleWords = { (rule: String) in words["rule_" + rule] ?? pack?.rule(rule)?.description }
        let database = req.context.store.sql
        let typedFrom = String((req.query[String.self, at: "from"] ?? "").prefix(40)), typedTo = String((req.query[String.self, at: "to"] ?? "").prefix(40))
        let rule = try RequestField.text(req.query[String.self, at: "rule"], "rule", maximumLength: 200)
        var form = PageForm(form: "period", values: ["from": typedFrom, "to": typedTo])
        var status = HTTPResponseStatus.ok
        var period: (from: LocalDate, to: LocalDate)?
        do {
            let from = try RequestField.optionalDate(FlagsPageController.present(typedFrom), "from")
            let to = try RequestField.optionalDate(FlagsPageController.present(typedTo), "to")
            if let first = from ?? to, let last = to ?? from {
                guard first <= last else { throw APIError.invalidField("to", "to must not be before from") }
                period = (first, last)
            }
        } catch let error as APIError {
            form = PageForm(form: "period", values: form.values, error: error, fallback: "from", words: Words(table: words), language: localizer.language)
            status = error.status
        }
        let exceptions: [ContactExceptions.Line]
        if let period {
            exceptions = try await ContactExceptions.list(from: period.from, to: period.to, on: database)
        } else {
            exceptions = try await ContactExceptions.today(at: now, on: database)
        }
        let blocked: ComplianceWatch.Blocked
        if let period {
            blocked = try await ComplianceWatch.blocked(from: period.from, to: period.to, rule: rule, limit: Self.limit, on: database)
        } else if let latest = try await ComplianceWatch.latestBusinessDate(on: database) {
            blocked = try await ComplianceWatch.blocked(from: latest, to: latest, rule: rule, limit: Self.limit, on: database)
        } else {
            blocked = try await ComplianceWatch.latestBlocked(limit: Self.limit, on: database)
        }
        let complaints = try await ComplaintHandling.list(status: "open", after: nil, limit: Self.limit, on: database)
        let flags = try await ComplianceWatch.activeFlags(on: today, limit: Self.limit, on: database)
        let customers = Set(exceptions.map(\.customerId)).union(complaints.filter { $0.caseId == nil }.map(\.customerId))
        let page = Page(t: words, lang: localizer.language.rawValue, today: today.description, caseLinks: RoleMenu.opensCases(user.role),
                        from: typedFrom, to: typedTo, rule: rule, breachesOfPeriod: period != nil,
                        breaches: exceptions.map { line in
                            SupervisorPageController.ExceptionLine(
                                kind: line.kind.rawValue, kindWords: words["sv_kind_\(line.kind.rawValue)"] ?? line.kind.rawValue, occurredAt: line.occurredAt,
                                localTime: ConsoleForm.customerTime(line.localTime), customerId: line.customerId, channel: line.channel, rule: line.rule,
                                ruleWords: ruleWords(line.rule) ?? line.rule, actor: line.actor, reason: line.reason)
                        },
                        cases: try await ComplianceWatch.openCases(of: customers, on: database), blocked: blocked, complaints: complaints,
                        flags: flags, form: form, zone: req.viewerZone, ruleWords: ruleWords)
        let response = try await ComplianceView.page(page, csrfToken: req.csrfToken(), role: user.role).view.encodeResponse(for: req)
        response.status = status
        return response
    }
}
