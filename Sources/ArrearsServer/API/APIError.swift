import Vapor

/// An answer other than success from the JSON API, rendered by `APIErrorMiddleware` as
/// `{"error": {"code": "stable_code", "message": "...", "field": "..."}}` (`field` only when one
/// input is to blame). Codes are stable: clients branch on them; messages are for people.
public struct APIError: AbortError, Sendable {
    public let status: HTTPResponseStatus
    public let code: String
    public let message: String
    public let field: String?
    public let headers: HTTPHeaders
    /// The policy rule that refused the request (`blocked_by_policy`), and the next moment it
    /// would allow it, when one is foreseeable. Like every member of the error, text.
    public var rule: String? = nil
    public var nextAllowedAt: String? = nil

    public init(_ status: HTTPResponseStatus, code: String, message: String, field: String? = nil, headers: HTTPHeaders = [:]) {
        self.status = status
        self.code = code
        self.message = message
        self.field = field
        self.headers = headers
    }

    public var reason: String { message }

    /// 400: the request cannot be read at all (not JSON, a malformed query parameter).
    public static func badRequest(_ code: String, _ message: String, field: String? = nil) -> APIError {
        APIError(.badRequest, code: code, message: message, field: field)
    }

    /// 422: the request was read, but `field` holds a value that is not allowed.
    public static func invalidField(_ field: String, _ message: String, code: String = "invalid_field") -> APIError {
        APIError(.unprocessableEntity, code: code, message: message, field: field)
    }

    /// 422: a required field is absent.
    public static func missingField(_ field: String) -> APIError {
        APIError(.unprocessableEntity, code: "missing_field", message: "\(field) is required", field: field)
    }

    /// 404, also for what exists but lies outside the caller's scope: they learn nothing of it.
    public static func notFound(_ message: String) -> APIError {
        APIError(.notFound, code: "not_found", message: message)
    }

    /// 401 with `WWW-Authenticate: Bearer` (RFC 6750): no token, or one that is not valid.
    public static func unauthenticated(invalidToken: Bool) -> APIError {
        APIError(.unauthorized, code: invalidToken ? "invalid_token" : "unauthenticated",
                 message: invalidToken ? "the bearer token is unknown, expired or revoked" : "send a bearer token in the Authorization header",
                 headers: ["WWW-Authenticate": invalidToken ? #"Bearer realm="arrears", error="invalid_token""# : #"Bearer realm="arrears""#])
    }

    /// 403: signed in, but the role may not do this.
    public static func forbidden(_ message: String, field: String? = nil) -> APIError {
        APIError(.forbidden, code: "forbidden", message: message, field: field)
    }

    /// 409 `blocked_by_policy`: the policy pack forbids the contact now; the body names the rule
    /// and when it would next be allowed, and the message whether an `override_reason` would let
    /// it go ahead.
    public static func blockedByPolicy(rule: String, message: String, nextAllowedAt: String?) -> APIError {
        var error = APIError(.conflict, code: "blocked_by_policy", message: message)
        error.rule = rule
        error.nextAllowedAt = nextAllowedAt
        return error
    }

    /// 429 with `Retry-After` in whole seconds.
    public static func tooManyAttempts(retryAfter seconds: Int) -> APIError {
        APIError(.tooManyRequests, code: "too_many_attempts", message: "too many failed sign-ins; try again in \(seconds) seconds",
                 headers: ["Retry-After": String(seconds)])
    }
}
