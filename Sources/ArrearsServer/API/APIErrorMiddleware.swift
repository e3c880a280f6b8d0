import Vapor

/// Renders every error under `/api` in the API's one error shape (see `APIError`) with its
/// status, so that bad input never reaches a client as a 500 or as HTML. Errors that are not an
/// `APIError` get a stable code from their status; an unexpected error is logged and answered
/// with 500 `internal_error` without its details.
struct APIErrorMiddleware: AsyncMiddleware {
    struct Body: Encodable {
        struct Detail: Encodable {
            let code: String
            let message: String
            let field: String?
            let rule: String?
            let nextAllowedAt: String?

            enum CodingKeys: String, CodingKey {
                case code, message, field, rule, nextAllowedAt = "next_allowed_at"
            }
        }

        let error: Detail
    }

    static func isAPI(_ request: Request) -> Bool {
        let path = request.url.path
        return path == "/api" || path.hasPrefix("/api/")
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard Self.isAPI(request) else { return try await next.respond(to: request) }
        do {
            return try await next.respond(to: request)
        } catch {
            return Self.response(for: Self.apiError(error, request: request))
        }
    }

    static func apiError(_ error: any Error, request: Request) -> APIError {
        switch error {
        case let error as APIError:
            return error
        case let error as DecodingError:
            return RequestBody.apiError(error)
        case let error as any AbortError:
            return APIError(error.status, code: code(for: error.status), message: message(for: error.status), headers: error.headers)
        default:
            request.logger.report(error: error)
            return APIError(.internalServerError, code: "internal_error", message: "the server failed; the error was logged")
        }
    }

    static func response(for error: APIError) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let body = (try? encoder.encode(Body(error: .init(code: error.code, message: error.message, field: error.field, rule: error.rule,
                                                                       nextAllowedAt: error.nextAllowedAt)))) ?? Data()
        var headers = error.headers
        headers.contentType = .json
        return Response(status: error.status, headers: headers, body: .init(data: body))
    }

    private static func code(for status: HTTPResponseStatus) -> String {
        switch status {
        case .badRequest: "bad_request"
        case .unauthorized: "unauthenticated"
        case .forbidden: "forbidden"
        case .notFound: "not_found"
        case .methodNotAllowed: "method_not_allowed"
        case .conflict: "conflict"
        case .payloadTooLarge: "payload_too_large"
        case .unsupportedMediaType: "unsupported_media_type"
        case .unprocessableEntity: "invalid_field"
        case .tooManyRequests: "too_many_requests"
        default: status.code >= 500 ? "internal_error" : "bad_request"
        }
    }

    private static func message(for status: HTTPResponseStatus) -> String {
        switch status {
        case .notFound: "there is no such resource"
        case .payloadTooLarge: "the request body is too large"
        default: status.reasonPhrase
        }
    }
}
