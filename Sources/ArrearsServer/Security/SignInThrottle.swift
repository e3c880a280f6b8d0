import ArrearsStore
import Vapor

/// Sign-in throttling (issue 4), shared by the sign-in page and `POST /api/v1/tokens`: after
/// `failuresPerUsername` failed attempts for one username, or `failuresPerAddress` from one
/// client address, within `throttleWindow`, further attempts are refused (429 with
/// `Retry-After`) without checking the password, until the oldest failure leaves the window. A
/// successful sign-in clears its username's failures; the address's stay.
struct SignInThrottle {
    let request: Request

    private var settings: SecuritySettings { request.context.security }

    /// The throttling key of a username as typed (case-folded and cut to a bounded length, so
    /// that any input makes a small key).
    private func usernameKey(_ username: String) -> String { "user:" + String(username.lowercased().prefix(64)) }
    private var addressKey: String { "ip:" + request.clientAddress }

    /// Seconds until `username` from this client may try again; nil when it may try now.
    func retryAfter(username: String) async throws -> Int? {
        let now = Date()
        let since = now.addingTimeInterval(-settings.throttleWindow)
        var wait: TimeInterval = 0
        for (key, limit) in [(usernameKey(username), settings.failuresPerUsername), (addressKey, settings.failuresPerAddress)] {
            let recent = try await SignInFailures.recent(key: key, since: since, on: request.context.store.sql)
            if recent.count >= limit, let oldest = recent.oldest {
                wait = max(wait, 1, oldest.addingTimeInterval(settings.throttleWindow).timeIntervalSince(now))
            }
        }
        return wait > 0 ? Int(wait.rounded(.up)) : nil
    }

    func recordFailure(username: String) async throws {
        let now = Date()
        try await SignInFailures.record(keys: [usernameKey(username), addressKey], at: now,
                                        forgetBefore: now.addingTimeInterval(-settings.throttleWindow), on: request.context.store)
    }

    func recordSuccess(username: String) async throws {
        try await SignInFailures.clear(key: usernameKey(username), on: request.context.store.sql)
    }
}
