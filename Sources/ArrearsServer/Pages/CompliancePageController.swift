import ArrearsCore
import ArrearsStore
import Vapor

/// The compliance officer's console (`/compliance`, compliance and admin): what they review each
/// day, from the records that exist, each line linking to the customer's open case:
/// the breaches and overrides made on the customer's today (`ContactExceptions.today`), the
/// actions the policy pack blocked on the latest business date with the counts by rule
/// (`ComplianceWatch.latestBlocked`), the open complaints and the flags in force today. Rules
/// are shown in words (their description in the pack). Each list shows at most `limit` lines.
struct CompliancePageController: RouteCollection {
    static let roles: Set<Role> = [.compliance, .admin]
    static let limit = 100

    struct Page {
        let t: [String: String]
        let lang: String
        let today: String
        /// Whether the reader may open case pages, which the lines link to then.
        let caseLinks: Bool
        let breaches: [SupervisorPageController.ExceptionLine]
        /// The open case of each customer named on the page.
        let cases: [String: String]
        let blocked: ComplianceWatch.Blocked
        let complaints: [ComplaintHandling.Listed]
        let flags: [ComplianceWatch.ActiveFlag]
        /// A rule's id in words (its description in the pack); nil for a rule the pack does not describe.
        let ruleWords: (String) -> String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("compliance", use: page)
    }

    func page(req: Request) async throws -> View {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let words = ComplianceWords.table(localizer)
        let now = req.context.now()
        let today = LocalMoment(now, offset: 0).date
        let pack = req.context.policy?.pack
        let ruleWords = { (rule: String) in pack?.rule(rule)?.description }
        let database = req.context.store.sql
        let exceptions = try await ContactExceptions.today(at: now, on: database)
        let blocked = try await ComplianceWatch.latestBlocked(limit: Self.limit, on: database)
        let complaints = try await ComplaintHandling.list(status: "open", after: nil, limit: Self.limit, on: database)
        let flags = try await ComplianceWatch.activeFlags(on: today, limit: Self.limit, on: database)
        let customers = Set(exceptions.map(\.customerId)).union(complaints.filter { $0.caseId == nil }.map(\.customerId))
        let page = Page(t: words, lang: localizer.language.rawValue, today: today.description, caseLinks: RoleMenu.opensCases(user.role),
                        breaches: exceptions.map { line in
                            SupervisorPageController.ExceptionLine(
                                kind: line.kind.rawValue, kindWords: words["sv_kind_\(line.kind.rawValue)"] ?? line.kind.rawValue, occurredAt: line.occurredAt,
                                localTime: line.localTime, customerId: line.customerId, channel: line.channel, rule: line.rule,
                                ruleWords: ruleWords(line.rule) ?? line.rule, actor: line.actor, reason: line.reason)
                        },
                        cases: try await ComplianceWatch.openCases(of: customers, on: database), blocked: blocked, complaints: complaints,
                        flags: flags, ruleWords: ruleWords)
        return ComplianceView.page(page, csrfToken: req.csrfToken(), role: user.role).view
    }
}
