import Foundation

/// A count of successes out of a count of trials: cures out of cases worked, promises kept out of
/// promises settled, right-party contacts out of attempts.
public struct Proportion: Sendable, Codable, Equatable {
    public let successes: Int
    public let trials: Int

    public init(successes: Int, trials: Int) {
        self.successes = successes
        self.trials = trials
    }

    /// successes / trials; nil when there were no trials.
    public var rate: Double? { trials == 0 ? nil : Double(successes) / Double(trials) }

    /// The Wilson score interval (Wilson 1927), which unlike the textbook Wald interval stays
    /// inside [0, 1] and keeps its coverage for small counts and rates near 0 or 1:
    /// (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). Nil when there were no trials.
    public func wilson(z: Double = ConfidenceInterval.z95) -> ConfidenceInterval? {
        guard trials > 0 else { return nil }
        let n = Double(trials)
        let p = Double(successes) / n
        let z2 = z * z
        let centre = p + z2 / (2 * n)
        let spread = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let denominator = 1 + z2 / n
        return ConfidenceInterval(lower: max(0, (centre - spread) / denominator), upper: min(1, (centre + spread) / denominator))
    }
}
