import Foundation

/// A message with its delivery state, as the outbox table holds it.
public struct OutboxRecord: Sendable, Equatable {
    public let message: OutboxMessage
    public let status: OutboxStatus
    /// Attempts started so far (a claim counts as one, whatever its outcome).
    public let attempts: Int
    /// When the message may next be attempted: the backoff of a `pending` message, the claim's
    /// expiry of a `sending` one; nil when it may go at once or is done.
    public let nextAttemptAt: Date?
    public let lastError: String?
    public let sentAt: Date?
    public let deliveredAt: Date?
}
