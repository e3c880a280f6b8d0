/// A ratio of two sums over units (cases): R = Σy / Σx, such as the recovery rate, recovered
/// over overdue at entry. Kept as the sums the database can add up in one pass, so that its
/// standard error is known without loading the units.
///
/// The standard error is the delta method's (Cochran, *Sampling Techniques*, 6.9) for a ratio
/// estimator from n independent units: SE(R) = √(Σ(yᵢ − R·xᵢ)² / (n(n−1))) / x̄, where
/// Σ(yᵢ − R·xᵢ)² = Σy² − 2R·Σxy + R²·Σx².
public struct RatioEstimate: Sendable, Codable, Equatable {
    public var units: Int
    public var sumX: Double
    public var sumY: Double
    public var sumXX: Double
    public var sumYY: Double
    public var sumXY: Double

    public init(units: Int = 0, sumX: Double = 0, sumY: Double = 0, sumXX: Double = 0, sumYY: Double = 0, sumXY: Double = 0) {
        self.units = units
        self.sumX = sumX
        self.sumY = sumY
        self.sumXX = sumXX
        self.sumYY = sumYY
        self.sumXY = sumXY
    }

    /// The sums of a list of units, each (x, y).
    public init(units pairs: [(x: Double, y: Double)]) {
        self.init()
        for pair in pairs { add(x: pair.x, y: pair.y) }
    }

    public mutating func add(x: Double, y: Double) {
        units += 1
        sumX += x
        sumY += y
        sumXX += x * x
        sumYY += y * y
        sumXY += x * y
    }

    public static func + (lhs: RatioEstimate, rhs: RatioEstimate) -> RatioEstimate {
        RatioEstimate(units: lhs.units + rhs.units, sumX: lhs.sumX + rhs.sumX, sumY: lhs.sumY + rhs.sumY,
                      sumXX: lhs.sumXX + rhs.sumXX, sumYY: lhs.sumYY + rhs.sumYY, sumXY: lhs.sumXY + rhs.sumXY)
    }

    /// Σy / Σx; nil when Σx is 0.
    public var ratio: Double? { sumX == 0 ? nil : sumY / sumX }

    /// The delta-method standard error; nil with fewer than two units or Σx of 0.
    public var standardError: Double? {
        guard let r = ratio, units >= 2 else { return nil }
        let n = Double(units)
        let residuals = max(0, sumYY - 2 * r * sumXY + r * r * sumXX)
        let meanX = sumX / n
        return (residuals / (n * (n - 1))).squareRoot() / meanX
    }

    /// R ± z·SE, the lower bound no less than 0 (a recovery rate is never negative).
    public func interval(z: Double = ConfidenceInterval.z95) -> ConfidenceInterval? {
        guard let r = ratio, let se = standardError else { return nil }
        return ConfidenceInterval(lower: max(0, r - z * se), upper: r + z * se)
    }
}
