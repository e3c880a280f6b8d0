import Vapor

/// Cross-site request forgery protection for pages (issue 4): a POST, PUT, PATCH or DELETE must
/// carry the session's token in the form field `csrf_token` or the header `X-CSRF-Token`, else
/// 403. The token is random per session and is replaced at sign-in; pages get it from
/// `req.csrfToken()`. The field is read from URL-encoded and multipart forms alike; a large form
/// (photos uploaded from a phone) arrives as a stream and is read in first, within its route's
/// body limit, so that the token in it can be found.
///
/// A plain (future-based) middleware, so that a GET passes straight on without a task of its own.
struct CSRFMiddleware: Middleware {
    static let sessionKey = "csrf_token"
    static let formField = "csrf_token"
    static let header = "X-CSRF-Token"
    static let safeMethods: [HTTPMethod] = [.GET, .HEAD, .OPTIONS]

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        if Self.safeMethods.contains(request.method) { return next.respond(to: request) }
        return request.eventLoop.makeFutureWithTask {
            try await Self.check(request)
            return try await next.respond(to: request).get()
        }
    }

    private static func check(_ request: Request) async throws {
        var sent = request.headers.first(name: Self.header)
        if sent == nil {
            if request.body.data == nil {
                let limit = BodySizeLimitMiddleware.limit(for: request)
                _ = try await request.eventLoop.flatSubmit { request.body.collect(max: limit) }.get()
            }
            sent = try? request.content.get(String.self, at: Self.formField)
        }
        guard let expected = request.session.data[Self.sessionKey], let sent, Self.constantTimeEqual(sent, expected) else {
            throw Abort(.forbidden, reason: "missing or wrong CSRF token")
        }
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, made on first use, for forms to send back as `csrf_token`.
    /// Only on routes with a session (`pages`, `/login`).
    public func csrfToken() -> String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = RandomToken.make()
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}
