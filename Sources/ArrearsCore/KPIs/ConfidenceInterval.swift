/// A two-sided confidence interval for a rate, with its bounds as plain numbers.
public struct ConfidenceInterval: Sendable, Codable, Equatable {
    public let lower: Double
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The standard normal quantile of a two-sided 95% interval.
    public static let z95 = 1.959963984540054
}
