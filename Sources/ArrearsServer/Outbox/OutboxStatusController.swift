import ArrearsStore
import Vapor

/// `POST /api/v1/outbox/:id/status`: the delivery-status callback a receiving SMS or e-mail
/// platform calls once it knows a message's fate (`docs/outbox.md`).
///
/// The body is `{"status": "delivered" | "failed", "detail": "..."}` (`detail` optional, kept
/// as the message's last error when it failed). Answers 200 with `{"id", "status"}`; 404 for an
/// unknown id; 409 when a failure is reported for a message already delivered; 400 for a body
/// that is not a JSON object and 422 naming the field for a bad value, always as
/// `{"error": {"code", "message", "field"?}}`. Reporting the same status again changes nothing.
struct OutboxStatusController: RouteCollection {
    /// The longest `detail` kept.
    static let detailLimit = 2_000

    struct Accepted: Content {
        let id: String
        let status: String
    }

    struct Failure: Content {
        struct Detail: Content {
            let code: String
            let message: String
            let field: String?
        }

        let error: Detail
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "outbox").post(":id", "status", use: report)
    }

    func report(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        let report: OutboxReceiverReport
        switch Self.parse(req.body.data.map { Data($0.readableBytesView) } ?? Data()) {
        case .success(let parsed): report = parsed
        case .failure(let failure): return try await failure.response(for: req)
        }
        let result = try await OutboxRepository.recordReceiverReport(report, id: id, at: Date(), on: req.context.store.sql)
        switch result {
        case .recorded(let status):
            return try await Accepted(id: id, status: status.rawValue).encodeResponse(for: req)
        case .unknownMessage:
            return try await CallbackError(.notFound, "not_found", "no outbox message has id '\(id)'").response(for: req)
        case .alreadyDelivered:
            return try await CallbackError(.conflict, "already_delivered", "message '\(id)' was already reported delivered").response(for: req)
        }
    }

    /// The report in a callback body, or what is wrong with it.
    static func parse(_ body: Data) -> Result<OutboxReceiverReport, CallbackError> {
        guard let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] else {
            return .failure(CallbackError(.badRequest, "invalid_json", "the body must be a JSON object"))
        }
        guard let status = object["status"], !(status is NSNull) else {
            return .failure(CallbackError(.unprocessableEntity, "missing_field", "status is required", field: "status"))
        }
        guard let status = status as? String, ["delivered", "failed"].contains(status) else {
            return .failure(CallbackError(.unprocessableEntity, "invalid_field", #"status must be "delivered" or "failed""#, field: "status"))
        }
        let detail: String?
        switch object["detail"] {
        case nil, is NSNull: detail = nil
        case let text as String where text.count <= detailLimit: detail = text.isEmpty ? nil : text
        case is String:
            return .failure(CallbackError(.unprocessableEntity, "invalid_field", "detail must be at most \(detailLimit) characters", field: "detail"))
        default:
            return .failure(CallbackError(.unprocessableEntity, "invalid_field", "detail must be a string", field: "detail"))
        }
        return .success(status == "delivered" ? .delivered : .failed(detail: detail))
    }

    /// An answer other than 200, in the API's error shape.
    struct CallbackError: Error {
        let status: HTTPResponseStatus
        let body: Failure

        init(_ status: HTTPResponseStatus, _ code: String, _ message: String, field: String? = nil) {
            self.status = status
            body = Failure(error: .init(code: code, message: message, field: field))
        }

        func response(for req: Request) async throws -> Response {
            let response = try await body.encodeResponse(for: req)
            response.status = status
            return response
        }
    }
}
