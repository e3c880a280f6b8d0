/// What an adapter made of one attempt to hand a message on.
public enum OutboxOutcome: Sendable, Equatable {
    /// The receiver has the message (or told us it already had it).
    case sent
    /// A temporary failure (timeout, connection refused, 5xx, 408, 429, a disk error): try again later.
    case retryable(String)
    /// The receiver refused the message for good (4xx): trying again would give the same answer.
    case rejected(String)

    var isTemporaryFailure: Bool {
        if case .retryable = self { return true }
        return false
    }
}
