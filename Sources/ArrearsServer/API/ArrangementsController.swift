import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import Vapor

/// Arrangements (docs/arrangements.md): instalment plans, deferrals, waivers and settlements,
/// approved by authority limits.
///
/// - `POST /api/v1/arrangements`: propose for an account (collectors and field agents only for
///   the customers with work assigned to them); approved at once within the proposer's limits.
/// - `POST /api/v1/arrangements/:id/approve` and `/reject` (supervisors and admin): a decision
///   beyond the approver's limits is 403 `beyond_authority`, naming the limit.
/// - `GET /api/v1/arrangements?status=proposed&cursor=&limit=`: the approvals waiting, or any status.
/// - `GET /api/v1/accounts/:id/arrangements`: one account's arrangements.
/// - `POST /api/v1/arrangements/quote`: the instalment calculator, with no side effects.
///
/// Amounts are decimal strings in the currency's own minor digits; dates are `YYYY-MM-DD`;
/// "today" is the current UTC date.
struct ArrangementsController: RouteCollection {
    static let proposers: Set<Role> = [.collector, .fieldAgent, .supervisor, .admin]
    static let approvers: Set<Role> = [.supervisor, .admin]
    static let readers: Set<Role> = [.collector, .fieldAgent, .supervisor, .legal, .compliance, .admin]

    struct ProposeRequest: Decodable {
        let accountId: String
        let kind: String
        let count: Int?
        let firstDate: String?
        let newDueDate: String?
        let waiverAmount: String?
        let waiverShare: String?
        let amount: String?
        let payBy: String?
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case accountId = "account_id", kind, count, firstDate = "first_date", newDueDate = "new_due_date", waiverAmount = "waiver_amount"
            case waiverShare = "waiver_share", amount, payBy = "pay_by", reason
        }
    }

    struct DecisionRequest: Decodable {
        let note: String?
    }

    struct QuoteRequest: Decodable {
        let total: String
        let currency: String
        let count: Int
        let firstDate: String

        enum CodingKeys: String, CodingKey {
            case total, currency, count, firstDate = "first_date"
        }
    }

    struct InstalmentItem: Content {
        let number: Int
        let dueOn: String
        let amount: String

        enum CodingKeys: String, CodingKey {
            case number, dueOn = "due_on", amount
        }

        init(_ instalment: Instalment, _ currency: Currency) {
            number = instalment.number
            dueOn = instalment.dueOn.description
            amount = DecimalAmount.format(instalment.amount, minorDigits: currency.minorDigits)
        }
    }

    struct Quote: Content {
        let currency: String
        let total: String
        let instalments: [InstalmentItem]
    }

    struct Item: Content {
        let id: String
        let accountId: String
        let customerId: String
        let kind: String
        let status: String
        let currency: String
        let amount: String
        let basis: String
        let count: Int?
        let firstDate: String?
        let newDueDate: String?
        let payBy: String?
        let reason: String?
        let requiredRole: String
        let proposedBy: String
        let proposedOn: String
        let decidedBy: String?
        let decidedOn: String?
        let decisionNote: String?
        let activatedOn: String?
        let settledOn: String?
        let instalments: [InstalmentItem]

        enum CodingKeys: String, CodingKey {
            case id, kind, status, currency, amount, basis, count, reason, instalments
            case accountId = "account_id", customerId = "customer_id", firstDate = "first_date", newDueDate = "new_due_date", payBy = "pay_by"
            case requiredRole = "required_role", proposedBy = "proposed_by", proposedOn = "proposed_on", decidedBy = "decided_by"
            case decidedOn = "decided_on", decisionNote = "decision_note", activatedOn = "activated_on", settledOn = "settled_on"
        }

        init(_ a: StoredArrangement) {
            func money(_ minor: Int64) -> String { DecimalAmount.format(minor, minorDigits: a.currency.minorDigits) }
            id = a.id; accountId = a.accountId; customerId = a.customerId; kind = a.kind.rawValue; status = a.status.rawValue
            currency = a.currency.code; amount = money(a.amountMinor); basis = money(a.basisMinor); count = a.instalmentCount
            firstDate = a.firstOn?.description; newDueDate = a.newDueOn?.description; payBy = a.payBy?.description; reason = a.reason
            requiredRole = a.requiredRole.rawValue; proposedBy = a.proposedBy; proposedOn = a.proposedOn.description
            decidedBy = a.decidedBy; decidedOn = a.decidedOn?.description; decisionNote = a.decisionNote
            activatedOn = a.activatedOn?.description; settledOn = a.settledOn?.description
            instalments = a.instalments.map { InstalmentItem($0, a.currency) }
        }
    }

    typealias Page = CursorPage<Item>

    func boot(routes: any RoutesBuilder) throws {
        let v1 = routes.grouped("api", "v1")
        v1.api(Self.proposers).post("arrangements", use: propose)
        v1.api(Self.approvers).post("arrangements", ":id", "approve", use: approve)
        v1.api(Self.approvers).post("arrangements", ":id", "reject", use: reject)
        v1.api(Self.readers).get("arrangements", use: list)
        v1.api(Self.readers).get("accounts", ":id", "arrangements", use: listForAccount)
        v1.api(Self.readers).post("arrangements", "quote", use: quote)
    }

    func propose(req: Request) async throws -> Response {
        let arrangement = try await Self.propose(try RequestBody.decode(ProposeRequest.self, from: req), req: req)
        let response = Response(status: .created)
        try response.content.encode(Item(arrangement))
        return response
    }

    /// Validates `body` and proposes it as the signed-in user; the API's errors name the field
    /// (the case page shows them too).
    static func propose(_ body: ProposeRequest, req: Request) async throws -> StoredArrangement {
        let user = try req.signedInUser()
        let reason = try RequestField.text(body.reason, "reason")
        let terms = try await terms(body, req: req)
        let actor = Arrangements.Actor(name: user.auditActor, role: user.role, scope: user.workScope)
        let limits = req.context.authority
        return try await Self.mapping {
            try await req.context.store.transaction { database in
                let arrangement = try await Arrangements.propose(accountId: body.accountId, terms: terms, reason: reason, by: actor, today: Self.today(),
                                                                 limits: limits, on: database)
                try await ArrangementPosition.refresh(after: arrangement, today: Self.today(), buckets: req.context.buckets, on: database)
                return arrangement
            }
        }
    }

    /// The terms `body` asks for, read in its account's currency; 422 naming the field, 404 for an
    /// account outside the user's work.
    static func terms(_ body: ProposeRequest, req: Request) async throws -> ArrangementTerms {
        let user = try req.signedInUser()
        guard let kind = ArrangementKind(rawValue: body.kind) else {
            throw APIError.invalidField("kind", "kind must be one of \(ArrangementKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let currency = try await Arrangements.currency(ofAccount: body.accountId, scope: user.workScope, on: req.context.store.sql) else {
            throw APIError.notFound("there is no such account")
        }
        switch kind {
        case .instalmentPlan:
            guard let count = body.count else { throw APIError.missingField("count") }
            return .instalmentPlan(count: count, firstDate: try RequestField.date(body.firstDate, "first_date"))
        case .deferral:
            return .deferral(newDueDate: try RequestField.date(body.newDueDate, "new_due_date"))
        case .waiver:
            switch (body.waiverAmount, body.waiverShare) {
            case (let amount?, nil): return .waiver(.amount(try RequestField.amount(amount, currency, "waiver_amount")))
            case (nil, let share?): return .waiver(.share(basisPoints: try Self.share(share)))
            default: throw APIError.invalidField("waiver_amount", "give either waiver_amount or waiver_share")
            }
        case .settlement:
            guard let amount = body.amount else { throw APIError.missingField("amount") }
            return .settlement(amount: try RequestField.amount(amount, currency, "amount"), payBy: try RequestField.date(body.payBy, "pay_by"))
        }
    }

    func approve(req: Request) async throws -> Item {
        try await decide(req, approving: true)
    }

    func reject(req: Request) async throws -> Item {
        try await decide(req, approving: false)
    }

    private func decide(_ req: Request, approving: Bool) async throws -> Item {
        let body = try RequestBody.decode(DecisionRequest.self, from: req)
        return Item(try await Self.decide(id: req.parameters.get("id") ?? "", note: body.note, approving: approving, req: req))
    }

    /// Approves (within the signed-in user's limits, never the user's own proposal under four eyes,
    /// refreshing the account's position) or rejects (with a reason) arrangement `id`, queuing the
    /// answer to a customer who asked on the self-service page; the supervisor's page decides through this too.
    static func decide(id: String, note: String?, approving: Bool, req: Request) async throws -> StoredArrangement {
        let user = try req.signedInUser()
        let note = try RequestField.text(note, "note")
        let actor = Arrangements.Actor(name: user.auditActor, role: user.role, scope: user.workScope)
        let limits = req.context.authority
        return try await Self.mapping {
            try await req.context.store.transaction { database in
                guard approving else {
                    let rejected = try await Arrangements.reject(id: id, note: note, by: actor, today: Self.today(), limits: limits, on: database)
                    try await ArrangementAnswer.enqueue(rejected, store: req.context.store, on: database)
                    return rejected
                }
                let arrangement = try await Arrangements.approve(id: id, note: note, by: actor, today: Self.today(), limits: limits, on: database)
                try await ArrangementPosition.refresh(after: arrangement, today: Self.today(), buckets: req.context.buckets, on: database)
                try await ArrangementAnswer.enqueue(arrangement, store: req.context.store, on: database)
                return arrangement
            }
        }
    }

    func list(req: Request) async throws -> Page {
        let status = try req.query[String.self, at: "status"].map { text in
            guard let status = ArrangementStatus(rawValue: text) else {
                throw APIError.badRequest("invalid_parameter", "status must be one of \(ArrangementStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
            }
            return status
        }
        return try await page(req, status: status, accountId: nil)
    }

    func listForAccount(req: Request) async throws -> Page {
        let user = try req.signedInUser()
        let accountId = req.parameters.get("id") ?? ""
        guard try await Arrangements.currency(ofAccount: accountId, scope: user.workScope, on: req.context.store.sql) != nil else {
            throw APIError.notFound("there is no such account")
        }
        return try await page(req, status: nil, accountId: accountId)
    }

    private func page(_ req: Request, status: ArrangementStatus?, accountId: String?) async throws -> Page {
        let user = try req.signedInUser()
        let request = try PageRequest(req)
        let found = try await Arrangements.list(status: status, accountId: accountId, scope: user.workScope, after: request.after,
                                                limit: request.fetchLimit, on: req.context.store.sql)
        return Page(found, request, key: \.id, item: Item.init)
    }

    func quote(req: Request) async throws -> Quote {
        let body = try RequestBody.decode(QuoteRequest.self, from: req)
        guard let currency = Currency(code: body.currency) else { throw APIError.invalidField("currency", "currency must be an ISO 4217 code Arrears knows, such as CNY") }
        let total = try RequestField.amount(body.total, currency, "total")
        let instalments = try await Self.mapping {
            try InstalmentPlan.make(total: total, count: body.count, firstDate: try RequestField.date(body.firstDate, "first_date"), today: Self.today())
        }
        return Quote(currency: currency.code, total: DecimalAmount.format(total, minorDigits: currency.minorDigits),
                     instalments: instalments.map { InstalmentItem($0, currency) })
    }

    /// The current UTC date.
    static func today() -> LocalDate { LocalDate.today() }

    /// `30%` or `12.5%` in basis points.
    static func share(_ text: String) throws -> Int {
        guard text.hasSuffix("%"), let points = try? DecimalAmount.parse(String(text.dropLast()), minorDigits: 2) else {
            throw APIError.invalidField("waiver_share", "waiver_share must be a percentage such as 30% or 12.5%")
        }
        return Int(points)
    }

    /// Arrangement errors as API errors: 422 naming the field, 403 `beyond_authority` naming the
    /// limit, 404, or 409 `wrong_status`.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ArrangementError {
            switch error {
            case .invalid(let field, let message): throw APIError.invalidField(field, message)
            case .beyondAuthority(_, let limit, let message): throw APIError(.forbidden, code: "beyond_authority", message: message, field: limit.rawValue)
            case .notFound(_, let message): throw APIError.notFound(message)
            case .wrongStatus(_, let message): throw APIError(.conflict, code: "wrong_status", message: message, field: "status")
            case .sameApprover(let message): throw APIError(.forbidden, code: "four_eyes", message: message, field: "approver")
            }
        }
    }
}
