import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import Vapor

/// The supervisor's page (`/supervisor`, supervisors and admin): the arrangements waiting for
/// approval with the customer's name, the account's DPD, the amount, the proposer, a link to the
/// case and the role whose limits each needs; the promises due today, the promises broken in the
/// last 7 days, the team's workload (open tasks per agent) and the open tasks, each of which can
/// be moved to another agent of the task's channel; the contact attempts of the last 7 days to
/// review for quality and the collectors' appraisal of the month, amounts beside quality; and
/// every breach and override of the policy pack made on the customer's today
/// (`ContactExceptions.today`), the rule in words, so none passes unseen.
///
/// Query: `agent=` and `channel=` narrow the open tasks (and `agent=` the attempts to review) to
/// one agent's and one channel's.
///
/// - `POST /supervisor/arrangements/:id/approve` (CSRF, optional `note`) and `/reject` (CSRF,
///   `note` required: the reason, and `confirm=yes`): decided as by the API, within the
///   supervisor's cumulative authority limits and never on their own proposal under four eyes; a
///   refusal shows the page again (403 beyond authority or four eyes, 409 already decided, 422 no
///   reason or not confirmed) with the reason.
/// - `POST /supervisor/tasks/:id/reassign` (CSRF, `agent_id`): the task moves to that agent's
///   queue at once, audited as `task.reassign`; an unknown agent shows the page again (422).
/// - `POST /supervisor/quality-reviews` (CSRF, `contact_attempt_id`, the checks `identity_checked`,
///   `disclosures_made`, `respectful_tone`, `no_threats`, `correct_outcome` as checkboxes, optional
///   `note`): stored once per attempt (`QualityReviews.record`, audited `quality.review`) and
///   counted in the collector's `quality_score` (docs/kpis.md); an unknown attempt shows the page
///   again with 404, a second review with 409.
struct SupervisorPageController: RouteCollection {
    static let roles: Set<Role> = [.supervisor, .admin]
    /// How far back broken promises are listed.
    static let brokenDays = 7
    /// The most open tasks listed for reassignment, highest priority first.
    static let taskLimit = 100
    /// How far back contact attempts are offered for a quality review, and how many at most.
    static let reviewDays = 7
    static let reviewLimit = 20

    struct Page {
        let t: [String: String]
        let lang: String
        let today: String
        /// The form refused, with what was typed and the error beside its field.
        let form: PageForm
        let approvals: [Approval]
        let dueToday: [PromiseLine]
        let broken: [PromiseLine]
        let agents: [TeamWorkload.AgentLoad]
        let tasks: [TeamWorkload.OpenTask]
        let breaches: [ExceptionLine]
        /// The filters of the open tasks (`agent=`, `channel=`), empty when not set.
        let agentFilter: String
        let channelFilter: String
        let channels: [(code: String, words: String)]
        let reviews: [ReviewLine]
        /// The collectors' KPIs since the first of the month, by collector and currency.
        let appraisalFrom: String
        let appraisal: [AnalyticsView.KPILine]
    }

    /// A contact attempt to review, in the page's words and the customer's local time.
    struct ReviewLine {
        let id: String
        let customerName: String
        let customerId: String
        let channel: String
        let outcome: String
        let localTime: String
        let recordedBy: String
        let note: String?
    }

    /// A breach or an override of today, as the page lists it.
    struct ExceptionLine {
        /// `breach` or `override`, and the same in the page's words.
        let kind: String
        let kindWords: String
        let occurredAt: String
        let localTime: String
        let customerId: String
        let channel: String
        let rule: String
        /// The rule's description in the pack: what it forbids, in words.
        let ruleWords: String
        let actor: String
        let reason: String
    }

    /// A proposed arrangement, with whether the signed-in user's limits cover it.
    struct Approval {
        let arrangement: ArrangementLine
        let customerName: String
        let dpd: Int?
        /// The customer's open case, linked to when the signed-in role opens cases.
        let caseId: String?
        let terms: String
        let withinMyAuthority: Bool
        /// The signed-in user proposed it and its kind is under four eyes: someone else decides.
        let ownProposal: Bool
    }

    struct PromiseLine {
        let caseId: String
        let customerName: String
        let amount: String
        let paid: String?
        let currency: String
        let dueOn: String

        init(_ line: PromiseWatch.Line) {
            let digits = Currency(code: line.promise.currency)?.minorDigits ?? 2
            caseId = line.promise.caseId; customerName = line.customerName; currency = line.promise.currency
            amount = DecimalAmount.format(line.promise.amountMinor, minorDigits: digits)
            paid = line.promise.paidMinor.map { DecimalAmount.format($0, minorDigits: digits) }
            dueOn = line.promise.dueOn
        }
    }

    struct DecisionForm: Decodable {
        let note: String?
        let confirm: String?
    }

    struct ReviewForm: Decodable {
        let contactAttemptId: String
        let identityChecked: String?
        let disclosuresMade: String?
        let respectfulTone: String?
        let noThreats: String?
        let correctOutcome: String?
        let note: String?

        enum CodingKeys: String, CodingKey {
            case contactAttemptId = "contact_attempt_id", identityChecked = "identity_checked", disclosuresMade = "disclosures_made"
            case respectfulTone = "respectful_tone", noThreats = "no_threats", correctOutcome = "correct_outcome", note
        }

        /// A checkbox sends its value only when ticked.
        var checks: QualityChecks {
            func ticked(_ value: String?) -> Bool { value.map { !$0.isEmpty } ?? false }
            return QualityChecks(identityChecked: ticked(identityChecked), disclosuresMade: ticked(disclosuresMade), respectfulTone: ticked(respectfulTone),
                                 noThreats: ticked(noThreats), correctOutcome: ticked(correctOutcome))
        }
    }

    struct ReassignForm: Decodable {
        let agentId: String

        enum CodingKeys: String, CodingKey {
            case agentId = "agent_id"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let supervisor = routes.grouped("supervisor")
        supervisor.get(use: page)
        supervisor.post("arrangements", ":id", "approve") { try await decide($0, approving: true) }
        supervisor.post("arrangements", ":id", "reject") { try await decide($0, approving: false) }
        supervisor.post("tasks", ":id", "reassign", use: reassign)
        supervisor.post("quality-reviews", use: review)
    }

    func page(req: Request) async throws -> View {
        try await render(req)
    }

    private func render(_ req: Request, form: PageForm = .none) async throws -> View {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let words = localizer.table
        let database = req.context.store.sql
        let today = ArrangementsController.today()
        let limits = req.context.authority
        let rank = { (role: Role) in limits.roles.firstIndex { $0.role == role } }
        let waiting = try await Arrangements.list(status: .proposed, accountId: nil, scope: user.workScope, after: nil, limit: 100, on: database)
        let details = try await ApprovalDetails.of(accountIds: waiting.map(\.accountId), on: database)
        let opensCases = RoleMenu.opensCases(user.role)
        let approvals = waiting.map { arrangement in
            let detail = details[arrangement.accountId]
            return Approval(arrangement: ArrangementLine(arrangement, words: words), customerName: detail?.customerName ?? arrangement.customerId,
                            dpd: detail?.dpd, caseId: opensCases ? detail?.caseId : nil, terms: Self.terms(arrangement, words),
                            withinMyAuthority: rank(user.role).map { mine in rank(arrangement.requiredRole).map { $0 <= mine } ?? false } ?? false,
                            ownProposal: limits.needsSecondApprover(arrangement.kind) && arrangement.proposedBy == user.auditActor)
        }
        let agentFilter = req.query[String.self, at: "agent"].flatMap { $0.isEmpty ? nil : $0 }
        let channelFilter = req.query[String.self, at: "channel"].flatMap { ArrearsCore.Channel(rawValue: $0) }
        let now = req.context.now()
        let settings = req.context.analytics
        let monthStart = today.adding(days: 1 - today.components.day)
        var appraisal: [KPIRow] = []
        if let period = KPIPeriod(from: monthStart, to: today) {
            appraisal = try await KPIReport.compute(period, by: .collector, costs: settings.costs, agents: settings.agents, on: req.context.store)
        }
        let reviews = try await QualityReviews.awaitingReview(since: now.addingTimeInterval(-Double(Self.reviewDays) * 86_400), agentId: agentFilter,
                                                             limit: Self.reviewLimit, on: database).map { attempt in
            ReviewLine(id: attempt.id, customerName: attempt.customerName, customerId: attempt.customerId,
                       channel: Words(localizer).code(.channel, attempt.channel), outcome: Words(localizer).code(.outcome, attempt.outcome),
                       localTime: Self.localTime(attempt.attemptedAt, zone: attempt.timeZone), recordedBy: attempt.recordedBy, note: attempt.note)
        }
        let page = Page(t: words, lang: localizer.language.rawValue, today: today.description, form: form, approvals: approvals,
                        dueToday: try await PromiseWatch.dueToday(today, on: database).map(PromiseLine.init),
                        broken: try await PromiseWatch.broken(inLast: Self.brokenDays, before: today, on: database).map(PromiseLine.init),
                        agents: try await agents(req),
                        tasks: try await TeamWorkload.openTasks(limit: Self.taskLimit, agentId: agentFilter, channel: channelFilter, on: database),
                        breaches: try await ContactExceptions.today(at: now, on: database).map { line in
                            ExceptionLine(kind: line.kind.rawValue, kindWords: words["sv_kind_\(line.kind.rawValue)"] ?? line.kind.rawValue,
                                          occurredAt: line.occurredAt, localTime: ConsoleForm.customerTime(line.localTime), customerId: line.customerId,
                                          channel: Words(localizer).code(.channel, line.channel),
                                          rule: line.rule, ruleWords: PolicyWords.rule(line.rule, pack: req.context.policy?.pack, words: words),
                                          // A breach's reason is the pack's (English); an override's, what its author typed.
                                          actor: line.actor, reason: line.kind == .breach
                                              ? PolicyWords.refusal(rule: line.rule, reason: line.reason, pack: nil, words: words, language: localizer.language)
                                              : line.reason)
                        },
                        agentFilter: agentFilter ?? "", channelFilter: channelFilter?.rawValue ?? "",
                        channels: [ArrearsCore.Channel.call, .visit, .legalReview].map { ($0.rawValue, Words(localizer).code(.channel, $0.rawValue)) },
                        reviews: reviews, appraisalFrom: monthStart.description, appraisal: AnalyticsView.lines(appraisal))
        return SupervisorView.page(page, csrfToken: req.csrfToken(), role: user.role).view
    }

    /// `2026-12-07 09:30 Asia/Shanghai`: a stored UTC time in the customer's zone.
    static func localTime(_ stored: String, zone identifier: String) -> String {
        guard let date = ContactRecords.date(stored), let zone = TimeZone(identifier: identifier) else { return stored }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return "\(formatter.string(from: date)) \(identifier)"
    }

    /// What an arrangement asks for, in the page's language: instalments, new date, or pay-by.
    static func terms(_ a: StoredArrangement, _ t: [String: String]) -> String {
        switch a.kind {
        case .instalmentPlan: "\(a.instalmentCount ?? 0) \(t["wb_arr_instalments"] ?? "") · \(t["wb_arr_first_date"] ?? "") \(a.firstOn?.description ?? "")"
        case .deferral: "\(t["wb_arr_new_date"] ?? "") \(a.newDueOn?.description ?? "")"
        case .waiver: "\(t["wb_arr_waived"] ?? "") \(DecimalAmount.format(a.amountMinor, minorDigits: a.currency.minorDigits)) / \(DecimalAmount.format(a.basisMinor, minorDigits: a.currency.minorDigits))"
        case .settlement: "\(t["wb_arr_pay_by"] ?? "") \(a.payBy?.description ?? "") · \(t["wb_outstanding"] ?? "") \(DecimalAmount.format(a.basisMinor, minorDigits: a.currency.minorDigits))"
        }
    }

    private func agents(_ req: Request) async throws -> [TeamWorkload.AgentLoad] {
        try await TeamWorkload.agents(configured: req.context.analytics.agents, on: req.context.store.sql)
    }

    private func decide(_ req: Request, approving: Bool) async throws -> Response {
        let form = try req.content.decode(DecisionForm.self)
        let id = req.parameters.get("id") ?? "", localizer = Localizer(request: req)
        let name = (approving ? "approve:" : "reject:") + id
        let typed = ["note": String((form.note ?? "").prefix(RequestField.maximumTextLength)), "confirm": form.confirm ?? ""]
        // A rejection is final: the form asks to confirm it (a ticked box) beside the reason.
        if !approving, form.note.map({ !$0.isEmpty }) ?? false, form.confirm != "yes" {
            return try await refused(req, PageForm(form: name, values: typed, field: "confirm", message: localizer["sv_confirm_needed"]), status: .unprocessableEntity)
        }
        do {
            _ = try await ArrangementsController.decide(id: id, note: form.note.flatMap { $0.isEmpty ? nil : $0 }, approving: approving, req: req)
        } catch let error as APIError {
            return try await refused(req, PageForm(form: name, values: typed, error: error, fallback: "note", fields: ["note", "confirm"], words: Words(localizer), language: localizer.language),
                                     status: error.status)
        }
        return req.redirect(to: Self.back(req))
    }

    func reassign(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let form = try req.content.decode(ReassignForm.self)
        let configured = req.context.analytics.agents
        let taskId = req.parameters.get("id") ?? "", agentId = form.agentId, actor = user.auditActor
        do {
            try await req.context.store.transaction { database in
                try await TaskReassignment.reassign(taskId: taskId, to: agentId, configured: configured, by: actor, on: database)
            }
        } catch let error as ReassignmentError {
            let localizer = Localizer(request: req)
            let (key, field, message, status): (String, String, String, HTTPStatus) = switch error {
            case .notFound(let field, let message): ("cp_err_not_found", field, message, .notFound)
            case .invalid(let field, let message): ("cp_err_invalid_field", field, message, .unprocessableEntity)
            }
            // The error sits beside the agent chosen, whichever field the workflow named.
            let said = localizer.language == .en ? "\(field): \(message)" : localizer[key]
            return try await refused(req, PageForm(form: "reassign:" + taskId, values: ["agent_id": agentId], field: "agent_id", message: said), status: status)
        }
        return req.redirect(to: Self.back(req))
    }

    /// The supervisor's page again after a form, in the language the form was in.
    private static func back(_ req: Request, to fragment: String = "") -> String {
        "/supervisor" + (req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" } ?? "") + fragment
    }

    private func refused(_ req: Request, _ form: PageForm, status: HTTPStatus) async throws -> Response {
        let response = try await render(req, form: form).encodeResponse(for: req)
        response.status = status
        return response
    }

    func review(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let form = try req.content.decode(ReviewForm.self)
        let note = form.note.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        let localizer = Localizer(request: req), name = "review:" + form.contactAttemptId
        let typed = ["note": String((form.note ?? "").prefix(RequestField.maximumTextLength)),
                     "checks": [("identity_checked", form.identityChecked), ("disclosures_made", form.disclosuresMade), ("respectful_tone", form.respectfulTone),
                                ("no_threats", form.noThreats), ("correct_outcome", form.correctOutcome)].compactMap { $0.1 == "yes" ? $0.0 : nil }.joined(separator: ",")]
        func refusal(_ field: String, _ english: String, _ key: String) -> PageForm {
            PageForm(form: name, values: typed, field: field, message: localizer.language == .en ? english : localizer[key])
        }
        if let note, note.unicodeScalars.count > 2_000 {
            return try await refused(req, refusal("note", "note: at most 2000 characters", "cp_err_invalid_field"), status: .unprocessableEntity)
        }
        let actor = user.auditActor, now = req.context.now()
        do {
            try await req.context.store.transaction { database in
                try await QualityReviews.record(attemptId: form.contactAttemptId, checks: form.checks, note: note, by: actor, at: now, on: database)
            }
        } catch let error as QualityReviews.ReviewError {
            switch error {
            case .unknownContactAttempt: return try await refused(req, refusal("review", error.description, "cp_err_not_found"), status: .notFound)
            case .alreadyReviewed: return try await refused(req, refusal("review", error.description, "cp_err_conflict"), status: .conflict)
            }
        }
        return req.redirect(to: Self.back(req, to: "#quality"))
    }
}
