/// What a receiving platform reports about a message it was handed (the delivery-status callback).
public enum OutboxReceiverReport: Sendable, Equatable {
    /// The message reached the customer. Final: nothing later changes it.
    case delivered
    /// The message could not reach the customer; `detail` is kept as the message's last error.
    case failed(detail: String?)
}

/// How the outbox took a receiver's report.
public enum OutboxReceiverReportResult: Sendable, Equatable {
    /// The message now has this status.
    case recorded(OutboxStatus)
    /// No message has this id.
    case unknownMessage
    /// A failure was reported for a message already reported delivered; it stays delivered.
    case alreadyDelivered
}
