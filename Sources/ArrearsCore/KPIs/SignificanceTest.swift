import Foundation

/// Whether a challenger's rate differs from the champion's by more than chance would explain.
public struct SignificanceTest: Sendable, Codable, Equatable {
    /// The test statistic: the difference (challenger − champion) in standard errors.
    public let z: Double
    /// The two-sided p-value under the standard normal distribution.
    public let pValue: Double

    public init(z: Double, pValue: Double) {
        self.z = z
        self.pValue = pValue
    }

    /// The conventional level: significant when p < 0.05.
    public static let level = 0.05

    public var isSignificant: Bool { pValue < Self.level }

    /// The two-proportion z-test with the pooled proportion p = (a₁ + a₂)/(n₁ + n₂):
    /// z = (p₂ − p₁) / √(p(1−p)(1/n₁ + 1/n₂)), `champion` first. Nil when either side has no
    /// trials or the pooled proportion is 0 or 1 (nothing varies, nothing to test).
    public static func twoProportions(champion: Proportion, challenger: Proportion) -> SignificanceTest? {
        guard let p1 = champion.rate, let p2 = challenger.rate else { return nil }
        let n1 = Double(champion.trials), n2 = Double(challenger.trials)
        let pooled = Double(champion.successes + challenger.successes) / (n1 + n2)
        let variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2)
        guard variance > 0 else { return nil }
        return normal(z: (p2 - p1) / variance.squareRoot())
    }

    /// Welch's test for two independent estimates with their own standard errors (unpooled):
    /// z = (r₂ − r₁) / √(SE₁² + SE₂²), referred to the normal distribution (the cells are large
    /// enough that Welch's t has as good as infinite degrees of freedom). Used for ratio
    /// estimates such as the recovery rate. Nil when either has no standard error or both are 0.
    public static func welch(champion: RatioEstimate, challenger: RatioEstimate) -> SignificanceTest? {
        guard let r1 = champion.ratio, let r2 = challenger.ratio,
              let se1 = champion.standardError, let se2 = challenger.standardError else { return nil }
        let variance = se1 * se1 + se2 * se2
        guard variance > 0 else { return nil }
        return normal(z: (r2 - r1) / variance.squareRoot())
    }

    /// P(|Z| ≥ |z|) = erfc(|z|/√2) for a standard normal Z.
    static func normal(z: Double) -> SignificanceTest {
        SignificanceTest(z: z, pValue: erfc(abs(z) / 2.0.squareRoot()))
    }
}
