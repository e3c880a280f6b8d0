import ArrearsStore
import Vapor

/// Sign-in throttling (issues 4 and 22), shared by the sign-in page and `POST /api/v1/tokens`.
/// Failures within `throttleWindow` are counted under three keys:
///
/// - the username: after `failuresPerUsername`, that username is refused (429 with
///   `Retry-After`, the password not checked) from everywhere, until the oldest failure leaves
///   the window;
/// - the username and the client address: after `failuresPerAddress`, that username is refused
///   from that address in the same way;
/// - the client address alone: after `failuresPerAddress`, sign-ins from it are answered
///   `addressDelay` later, right password or wrong, but never refused: everyone behind one
///   address (an office's NAT, a call centre's proxy) can still sign in with their password
///   while someone among them guesses others'.
///
/// A successful sign-in clears its username's failures (both username keys); the address's stay.
struct SignInThrottle {
    let request: Request

    /// What to do with an attempt before its password is checked.
    enum Verdict: Equatable {
        case proceed
        /// Check it, after waiting this many seconds.
        case slowDown(TimeInterval)
        /// Refuse it unchecked; it may try again in this many whole seconds.
        case refuse(retryAfter: Int)
    }

    private var settings: SecuritySettings { request.context.security }

    /// The throttling key of a username as typed (case-folded and cut to a bounded length, so
    /// that any input makes a small key).
    private func usernameKey(_ username: String) -> String { "user:" + String(username.lowercased().prefix(64)) }
    private var addressKey: String { "ip:" + request.clientAddress }
    private func usernameAtAddressKey(_ username: String) -> String { addressKey + " " + usernameKey(username) }

    func verdict(username: String) async throws -> Verdict {
        let now = Date()
        let since = now.addingTimeInterval(-settings.throttleWindow)
        var wait: TimeInterval = 0
        for (key, limit) in [(usernameKey(username), settings.failuresPerUsername), (usernameAtAddressKey(username), settings.failuresPerAddress)] {
            let recent = try await SignInFailures.recent(key: key, since: since, on: request.context.store.sql)
            if recent.count >= limit, let oldest = recent.oldest {
                wait = max(wait, 1, oldest.addingTimeInterval(settings.throttleWindow).timeIntervalSince(now))
            }
        }
        if wait > 0 { return .refuse(retryAfter: Int(wait.rounded(.up))) }
        let address = try await SignInFailures.recent(key: addressKey, since: since, on: request.context.store.sql)
        return address.count >= settings.failuresPerAddress ? .slowDown(settings.addressDelay) : .proceed
    }

    func recordFailure(username: String) async throws {
        let now = Date()
        try await SignInFailures.record(keys: [usernameKey(username), usernameAtAddressKey(username), addressKey], at: now,
                                        forgetBefore: now.addingTimeInterval(-settings.throttleWindow), on: request.context.store)
    }

    func recordSuccess(username: String) async throws {
        for key in [usernameKey(username), usernameAtAddressKey(username)] {
            try await SignInFailures.clear(key: key, on: request.context.store.sql)
        }
    }
}
