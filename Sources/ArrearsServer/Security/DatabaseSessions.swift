import ArrearsCore
import ArrearsStore
import Vapor

/// Vapor's session driver on the `sessions` table, so that a session survives a restart and is
/// the same on every server process behind a load balancer (DESIGN.md, "Scale-out").
///
/// Session ids are 32 random bytes; the table keeps only their SHA-256. A session expires after
/// `SecuritySettings.sessionIdleTimeout` without use; its expiry is pushed forward at most once a
/// minute, so that reading pages does not write on every request. Empty sessions (a visitor who
/// never got a CSRF token or signed in) are never stored.
struct DatabaseSessions: AsyncSessionDriver {
    static let cookieName = "arrears_session"

    /// HttpOnly, SameSite=Lax, for the whole site, until the browser closes;
    /// `SecureHeadersMiddleware` adds `Secure` over HTTPS.
    static let configuration = SessionsConfiguration(cookieName: cookieName) { id in
        HTTPCookies.Value(string: id.string, path: "/", isSecure: false, isHTTPOnly: true, sameSite: .lax)
    }

    static var middleware: SessionsMiddleware { SessionsMiddleware(session: DatabaseSessions(), configuration: configuration) }

    /// How often at most an unchanged session's expiry is written again.
    static let refreshInterval: TimeInterval = 60

    /// What was read for this request, to skip writing it back unchanged.
    private struct ReadKey: StorageKey { typealias Value = SessionDirectory.Stored }

    static func key(_ id: SessionID) -> String {
        Hex.encode(SHA256.hash(data: Data(id.string.utf8)))
    }

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        let id = SessionID(string: RandomToken.make())
        guard !data.snapshot.isEmpty else { return id }
        let now = Date()
        let database = request.context.store.sql
        try await SessionDirectory.deleteExpired(at: now, on: database)
        try await SessionDirectory.insert(key: Self.key(id), data: data.snapshot, expiresAt: expiry(from: now, request), on: database)
        return id
    }

    func readSession(_ id: SessionID, for request: Request) async throws -> SessionData? {
        guard let stored = try await SessionDirectory.read(key: Self.key(id), at: Date(), on: request.context.store.sql) else { return nil }
        request.storage[ReadKey.self] = stored
        return SessionData(initialData: stored.data)
    }

    func updateSession(_ id: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if isUnchanged(data, request) { return id }
        try await SessionDirectory.update(key: Self.key(id), data: data.snapshot, expiresAt: expiry(from: Date(), request), on: request.context.store.sql)
        return id
    }

    /// Vapor calls this one after every response; an unchanged session is answered without a task.
    func updateSession(_ id: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if isUnchanged(data, request) { return request.eventLoop.makeSucceededFuture(id) }
        return request.eventLoop.makeFutureWithTask { try await self.updateSession(id, to: data, for: request) }
    }

    /// The data as read for this request, and its expiry pushed forward less than a minute ago.
    private func isUnchanged(_ data: SessionData, _ request: Request) -> Bool {
        guard let read = request.storage[ReadKey.self], read.data == data.snapshot else { return false }
        return expiry(from: Date(), request).timeIntervalSince(read.expiresAt) < Self.refreshInterval
    }

    func deleteSession(_ id: SessionID, for request: Request) async throws {
        try await SessionDirectory.delete(key: Self.key(id), on: request.context.store.sql)
    }

    private func expiry(from now: Date, _ request: Request) -> Date {
        now.addingTimeInterval(request.context.security.sessionIdleTimeout)
    }
}
