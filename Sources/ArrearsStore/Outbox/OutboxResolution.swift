import Foundation

/// What one attempt leaves in the outbox table, decided by the `RetryPolicy` from the adapter's outcome.
public enum OutboxResolution: Sendable, Equatable {
    /// Status `sent`, with the time.
    case sent(at: Date)
    /// Status `pending` again, with the error and the time of the next attempt.
    case retry(error: String, at: Date)
    /// Status `failed`, kept with the error until `arrears outbox retry`.
    case failed(error: String)
}
