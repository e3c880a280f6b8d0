import ArrearsStore
import Vapor

/// One attempt to sign in with a username and password, by the sign-in page or
/// `POST /api/v1/tokens`: throttled or slowed down (`SignInThrottle`), and as slow for an unknown username as
/// for a wrong password (a decoy bcrypt hash is checked), so that neither timing nor answers
/// tell which usernames exist.
enum SignInAttempt {
    enum Outcome {
        case signedIn(User)
        case rejected
        case throttled(retryAfter: Int)
    }

    /// A bcrypt hash of a random password at the server's cost, made once at start.
    struct DecoyHashKey: StorageKey { typealias Value = String }

    static func attempt(username: String, password: String, on request: Request) async throws -> Outcome {
        let throttle = SignInThrottle(request: request)
        switch try await throttle.verdict(username: username) {
        case .refuse(let seconds):
            ServerMetrics.signInFailed("throttled")
            return .throttled(retryAfter: seconds)
        case .slowDown(let seconds): try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
        case .proceed: break
        }
        let user = try await UserDirectory.find(username: username, on: request.context.store.sql)
        let hash = user?.passwordHash ?? request.application.storage[DecoyHashKey.self] ?? ""
        let matches = try await request.application.threadPool.runIfActive { PasswordHasher.verify(password, hash: hash) }
        guard let user, user.active, matches else {
            ServerMetrics.signInFailed("rejected")
            try await throttle.recordFailure(username: username)
            return .rejected
        }
        try await throttle.recordSuccess(username: username)
        return .signedIn(user)
    }
}
