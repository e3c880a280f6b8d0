import ArrearsCore
import Vapor

/// Lets an API request through only for a signed-in user of one of `roles`: 401 when the bearer
/// token is missing, unknown or expired, 403 for another role. Answers are never cached. A plain
/// (future-based) middleware, as `PageAccessGuard`: its checks need no waiting.
struct APIAccessGuard: Middleware {
    let roles: Set<Role>

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let user = request.auth.get(SignedInUser.self) else {
            return request.eventLoop.makeFailedFuture(APIError.unauthenticated(invalidToken: request.headers.bearerAuthorization != nil))
        }
        guard roles.contains(user.role) else {
            return request.eventLoop.makeFailedFuture(APIError.forbidden("the role \(user.role.rawValue) may not use this endpoint"))
        }
        return next.respond(to: request).map { response in
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }
}

/// Lets a page request through only for a signed-in user of one of `roles`: nobody signed in
/// is sent to `/login?next=` (303) and comes back after signing in; another role gets the 403
/// page. Pages are never cached: they show what only this user may see. A plain (future-based)
/// middleware: its checks need no waiting, so it passes on without a task of its own.
struct PageAccessGuard: Middleware {
    let roles: Set<Role>

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard let user = request.auth.get(SignedInUser.self) else {
            let login = SignInController.loginPath(next: request.method == .GET ? request.url.string : nil)
            return request.eventLoop.makeSucceededFuture(request.redirect(to: login, redirectType: .normal))
        }
        guard roles.contains(user.role) else { return request.eventLoop.makeFailedFuture(Abort(.forbidden)) }
        return next.respond(to: request).map { response in
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }
}

extension RoutesBuilder {
    /// Routes of the JSON API for `roles`, signed in by bearer token (`Authorization: Bearer`);
    /// their POSTs take an `Idempotency-Key` (`IdempotencyMiddleware`).
    public func api(_ roles: Set<Role>) -> any RoutesBuilder {
        grouped(BearerTokenAuthenticator(), APIAccessGuard(roles: roles), IdempotencyMiddleware())
    }

    /// HTML pages for `roles`, signed in by session cookie, with CSRF protection on POST, PUT,
    /// PATCH and DELETE (forms send `req.csrfToken()` as `csrf_token`).
    public func pages(_ roles: Set<Role>) -> any RoutesBuilder {
        grouped(DatabaseSessions.middleware, SessionUserAuthenticator(), PageAccessGuard(roles: roles), CSRFMiddleware())
    }
}
