import ArrearsStore

/// What one `deliverDue` call did.
public struct OutboxDeliveryReport: Sendable, Equatable {
    /// Messages handed to the adapter.
    public var attempted = 0
    public var sent = 0
    /// Failed for now, pending again with a later attempt.
    public var retrying = 0
    /// Given up: refused for good, or out of attempts.
    public var failed = 0
    /// Outcomes not recorded because the claim had expired or a receiver had reported meanwhile.
    public var superseded = 0
    /// Stopped by the policy pack at the moment of sending: pending again from the next allowed
    /// moment (`held`), or failed with the rule when there is none (`blocked`). Not attempts.
    public var held = 0
    public var blocked = 0
    /// Whether the call stopped early because a whole batch failed for the time being.
    public var stoppedAfterFailedBatch = false

    public init() {}

    mutating func add(_ resolutions: [OutboxResolution], recorded: Int) {
        attempted += resolutions.count
        superseded += resolutions.count - recorded
        for resolution in resolutions {
            switch resolution {
            case .sent: sent += 1
            case .retry: retrying += 1
            case .failed: failed += 1
            }
        }
    }
}
