import ArrearsCore
import ArrearsStore
import Vapor

/// The outbox for the compliance officer (`/outbox`, compliance and admin):
///
/// - `GET /outbox?status=&cursor=`: how many messages stand in each delivery state, and the
///   messages of one state (all by default) a page at a time, each with its attempts, next
///   attempt, last error and times in the bank's zone; never the recipient or the text.
/// - `POST /outbox/:id/retry`: a failed message is made pending again with a fresh budget of
///   attempts (`OutboxRepository.retry`, as `arrears outbox retry` does for all), so the next
///   delivery run sends it; audited `outbox_retried`. Any other state is refused (409) and
///   the page says so beside the message.
struct OutboxPageController: RouteCollection {
    static let roles = CompliancePageController.roles

    struct Page {
        let t: [String: String]
        let lang: String
        let status: OutboxStatus?
        let counts: [OutboxStatus: Int]
        let messages: CursorPage<Item>
        let zone: TimeZone
        let form: PageForm
        let done: String?
    }

    /// A message as listed (`CursorPage` wants its items encodable).
    struct Item: Encodable, Sendable {
        let id: String
        let customerId: String
        let channel: String
        let businessDate: String
        let status: String
        let attempts: Int
        let nextAttemptAt: String?
        let lastError: String?
        let sentAt: String?
        let deliveredAt: String?

        init(_ line: OutboxRepository.Line) {
            id = line.id
            customerId = line.customerId
            channel = line.channel
            businessDate = line.businessDate
            status = line.status.rawValue
            attempts = line.attempts
            nextAttemptAt = line.nextAttemptAt
            lastError = line.lastError
            sentAt = line.sentAt
            deliveredAt = line.deliveredAt
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("outbox", use: page)
        routes.post("outbox", ":id", "retry", use: retry)
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: .none, status: .ok)
    }

    func retry(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let result = try await req.context.store.transaction { database in
            try await OutboxRepository.retry(id: id, by: user.auditActor, at: req.context.now(), on: database)
        }
        let refusal: APIError
        switch result {
        case .retried:
            return req.redirect(to: "/outbox?lang=\(localizer.language.rawValue)&done=cp_retried")
        case .notFailed(let status):
            refusal = APIError(.conflict, code: "not_failed", message: "message \(id) is \(status.rawValue), not failed: only a failed message is retried", field: "retry")
        case .unknownMessage:
            refusal = APIError.notFound("there is no such message")
        }
        return try await render(req, form: PageForm(form: "retry:\(id)", error: refusal, fallback: "retry",
                                                       words: Words(table: localizer.table), language: localizer.language),
                                status: refusal.status)
    }

    private func render(_ req: Request, form: PageForm, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let database = req.context.store.sql
        var chosen: OutboxStatus?
        if let text = try RequestField.text(req.query[String.self, at: "status"], "status", maximumLength: 20).flatMap(FlagsPageController.present) {
            guard let status = OutboxStatus(rawValue: text) else {
                throw APIError.badRequest("invalid_parameter", "status must be one of \(OutboxStatus.allCases.map(\.rawValue).joined(separator: ", "))", field: "status")
            }
            chosen = status
        }
        let request = try PageRequest(req)
        let rows = try await OutboxRepository.list(status: chosen, after: request.after, limit: request.fetchLimit, on: database)
        let page = Page(t: localizer.table, lang: localizer.language.rawValue, status: chosen,
                        counts: try await OutboxRepository.counts(on: database),
                        messages: CursorPage(rows, request, key: \.id, item: Item.init), zone: req.viewerZone, form: form,
                        done: FlagsPageController.done(req))
        let response = try await OutboxView.page(page, csrfToken: req.csrfToken(), role: user.role).view.encodeResponse(for: req)
        response.status = status
        return response
    }
}
