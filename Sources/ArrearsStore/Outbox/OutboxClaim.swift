import Foundation

/// A message one `deliver` process holds until `expiresAt`: nobody else attempts it meanwhile.
///
/// The pair (`attempt`, `expiresAt`) fences the claim: the outcome is recorded only while the
/// row still carries both, so a process that outlived its claim cannot overwrite what the
/// process that took the message over recorded.
public struct OutboxClaim: Sendable, Equatable {
    public let message: OutboxMessage
    /// This attempt's number, from 1.
    public let attempt: Int
    public let expiresAt: Date

    public init(message: OutboxMessage, attempt: Int, expiresAt: Date) {
        self.message = message
        self.attempt = attempt
        self.expiresAt = expiresAt
    }
}
