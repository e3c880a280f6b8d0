import Foundation

/// How the server protects sign-in, sessions and request bodies. The defaults are what
/// production runs with; tests lower `passwordCost` to keep bcrypt fast.
public struct SecuritySettings: Sendable {
    /// Mark the session cookie `Secure` on every response, not only on requests that came over
    /// HTTPS (directly or `X-Forwarded-Proto: https` from a TLS-terminating proxy).
    public var secureCookies: Bool
    /// Take the client's address from `X-Forwarded-For` (its right-most entry, the one the
    /// load balancer appended: `Request.clientAddress`), for servers behind a load balancer. Off
    /// by default, and the header is then ignored: a client could otherwise pick its own address
    /// and slip past per-address sign-in throttling.
    public var trustForwardedFor: Bool
    /// The bcrypt cost of password hashes made by the server itself (a decoy hash for unknown
    /// usernames, so that a sign-in takes as long whether or not the user exists).
    public var passwordCost: Int
    /// Failed sign-ins per username within `throttleWindow` before that username is refused.
    public var failuresPerUsername: Int
    /// Failed sign-ins per username and client address within `throttleWindow` before that
    /// username is refused from that address; the same number of failures from one address
    /// across all usernames makes its sign-ins slower (`addressDelay`), never refused, so that
    /// one guesser behind a shared address (an office's NAT) locks nobody else out.
    public var failuresPerAddress: Int
    /// How long a sign-in from an address over `failuresPerAddress` waits before it is checked.
    public var addressDelay: TimeInterval
    public var throttleWindow: TimeInterval
    /// A session nobody used for this long is signed out.
    public var sessionIdleTimeout: TimeInterval
    /// A session is signed out this long after sign-in however busy it is.
    public var sessionMaximumAge: TimeInterval
    /// The largest request body the server reads (API and forms); larger ones get 413.
    public var maxBodyBytes: Int

    public init(secureCookies: Bool = false, trustForwardedFor: Bool = false, passwordCost: Int = PasswordHasher.productionCost,
                failuresPerUsername: Int = 5, failuresPerAddress: Int = 20, addressDelay: TimeInterval = 2, throttleWindow: TimeInterval = 15 * 60,
                sessionIdleTimeout: TimeInterval = 30 * 60, sessionMaximumAge: TimeInterval = 12 * 3600, maxBodyBytes: Int = 64 * 1024) {
        self.secureCookies = secureCookies
        self.trustForwardedFor = trustForwardedFor
        self.passwordCost = passwordCost
        self.failuresPerUsername = failuresPerUsername
        self.failuresPerAddress = failuresPerAddress
        self.addressDelay = addressDelay
        self.throttleWindow = throttleWindow
        self.sessionIdleTimeout = sessionIdleTimeout
        self.sessionMaximumAge = sessionMaximumAge
        self.maxBodyBytes = maxBodyBytes
    }
}
