import ArrearsStore
import Foundation

/// How often and how soon a message is attempted again after a temporary failure.
///
/// The wait after attempt *n* is `initialDelay × multiplier^(n−1)` seconds, rounded to whole
/// seconds and capped at `maxDelay`; there is no jitter, so a schedule can be stated and tested
/// exactly. After `maxAttempts` attempts a temporary failure becomes `failed`.
public struct RetryPolicy: Sendable, Equatable {
    public let maxAttempts: Int
    /// Seconds to wait after the first failed attempt.
    public let initialDelay: Int
    public let multiplier: Double
    /// The longest wait, in seconds.
    public let maxDelay: Int

    /// 8 attempts over about two hours: 1, 2, 4, 8, 16, 32 minutes, then hourly.
    public static let standard = RetryPolicy(maxAttempts: 8, initialDelay: 60, multiplier: 2, maxDelay: 3_600)

    public init(maxAttempts: Int, initialDelay: Int, multiplier: Double, maxDelay: Int) {
        precondition(maxAttempts >= 1 && initialDelay >= 0 && multiplier >= 1 && maxDelay >= initialDelay, "an invalid retry policy")
        self.maxAttempts = maxAttempts
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }

    /// Seconds to wait after attempt `attempt` (from 1) failed.
    public func delay(afterAttempt attempt: Int) -> Int {
        let exact = Double(initialDelay) * pow(multiplier, Double(max(0, attempt - 1)))
        return exact >= Double(maxDelay) ? maxDelay : Int(exact.rounded())
    }

    /// What attempt `attempt` with `outcome`, finished at `now`, leaves in the table.
    public func resolve(_ outcome: OutboxOutcome, attempt: Int, now: Date) -> OutboxResolution {
        switch outcome {
        case .sent:
            return .sent(at: now)
        case .rejected(let error):
            return .failed(error: error)
        case .retryable(let error) where attempt >= maxAttempts:
            return .failed(error: "\(error) (gave up after \(attempt) attempts)")
        case .retryable(let error):
            return .retry(error: error, at: now.addingTimeInterval(TimeInterval(delay(afterAttempt: attempt))))
        }
    }
}
