import ArrearsStore
import Vapor

/// Signs in the request whose session names an active user, within the session's maximum age.
/// A deactivated user is signed out at their next request. A plain (future-based) middleware: a
/// request without a signed-in session passes on at once, and one with it waits only for the
/// user's lookup, not also for the rest of the chain inside a task of its own.
struct SessionUserAuthenticator: Middleware {
    static let userKey = "user_id"
    static let signedInAtKey = "signed_in_at"

    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard request.hasSession, request.session.data[Self.userKey] != nil else { return next.respond(to: request) }
        return request.eventLoop.makeFutureWithTask { try await self.authenticate(request: request) }
            .flatMap { next.respond(to: request) }
    }

    func authenticate(request: Request) async throws {
        // Without a session cookie there is nothing to read, and touching `request.session` would
        // make an empty session and a cookie for it.
        guard request.hasSession, let userId = request.session.data[Self.userKey],
              let signedInAt = request.session.data[Self.signedInAtKey].flatMap(TimeInterval.init),
              Date().timeIntervalSince1970 - signedInAt < request.context.security.sessionMaximumAge,
              let user = try await UserDirectory.find(id: userId, on: request.context.store.sql), user.active else { return }
        request.auth.login(SignedInUser(user))
    }
}

extension Request {
    /// Makes the request's session a signed-in session of `user` under a new session id (the old
    /// one is deleted, so a session id planted before sign-in is worthless after it) with a new
    /// CSRF token.
    func startSession(for user: User) async throws {
        if let old = session.id { try await DatabaseSessions().deleteSession(old, for: self) }
        session.id = nil
        session.data = SessionData(initialData: [
            SessionUserAuthenticator.userKey: user.id,
            SessionUserAuthenticator.signedInAtKey: String(Int(Date().timeIntervalSince1970)),
            CSRFMiddleware.sessionKey: RandomToken.make(),
        ])
        auth.login(SignedInUser(user))
    }
}
