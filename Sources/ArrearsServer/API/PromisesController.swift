import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// Promises to pay:
///
/// - `POST /api/v1/promises` with `{"case_id", "amount": "500.00", "currency": "CNY", "due_on": "YYYY-MM-DD"}`:
///   takes a promise on an open case (201 with the promise). The amount is above zero in the
///   case's currency, the due date from today (UTC) to `PromiseBook.maximumDays` days ahead, 422
///   naming the field otherwise; a case with a pending promise is 409 `promise_pending`.
/// - `GET /api/v1/customers/:id/promises`: the customer's promises, newest first.
///
/// Collectors and field agents reach only their own cases and customers (404 for any other).
struct PromisesController: RouteCollection {
    static let takers: Set<Role> = [.collector, .fieldAgent, .supervisor, .admin]

    struct TakeRequest: Decodable {
        let caseId: String
        let amount: String
        let currency: String
        let dueOn: String

        enum CodingKeys: String, CodingKey {
            case caseId = "case_id", amount, currency, dueOn = "due_on"
        }
    }

    struct Listed: Encodable {
        let items: [PromiseJSON]
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1")
        api.api(Self.takers).post("promises", use: take)
        api.api(CasesController.readers).get("customers", ":id", "promises", use: list)
    }

    func take(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let body = try RequestBody.decode(TakeRequest.self, from: req)
        let promise = try await Self.take(caseId: body.caseId, amount: body.amount, currency: body.currency, dueOn: body.dueOn, user: user, req: req)
        return try WorkbenchJSON.response(PromiseJSON(promise), status: .created)
    }

    /// Validates the request's text and takes the promise; shared with the case page's form.
    static func take(caseId: String, amount: String, currency: String, dueOn: String, user: SignedInUser, req: Request) async throws -> StoredPromise {
        let minor = try RequestField.amount(amount, currencyCode: currency)
        let due = try RequestField.date(dueOn, "due_on")
        guard !caseId.isEmpty, caseId.count <= 128 else { throw APIError.invalidField("case_id", "case_id names a case") }
        return try await WorkbenchJSON.mapping {
            try await PromiseBook().take(.init(caseId: caseId, amountMinor: minor, currency: currency, dueOn: due),
                                         today: LocalMoment(Date(), offset: 0).date, scope: user.workScope, by: user.auditActor, store: req.context.store)
        }
    }

    func list(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard let promises = try await PromiseRecords.promises(customerId: try WorkbenchJSON.pathId(req, "customer"), scope: user.workScope,
                                                            on: req.context.store.sql) else {
            throw APIError.notFound("there is no such customer")
        }
        return try WorkbenchJSON.response(Listed(items: promises.map(PromiseJSON.init)))
    }
}
