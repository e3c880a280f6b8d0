/// How many units each of two equal groups needs for a two-sided test at level α to detect a
/// difference with power 1 − β: what a strategy manager must wait for before a champion/challenger
/// comparison can say anything.
public enum SampleSize {
    /// Φ⁻¹(0.80), the standard normal quantile for 80% power.
    public static let z80 = 0.8416212335729143
    /// Beyond this no portfolio could show the difference: the answer is `nil`.
    public static let limit = 1_000_000_000.0

    /// Per group, to tell the proportions `p1` and `p2` apart (Fleiss, Levin & Paik, *Statistical
    /// Methods for Rates and Proportions*, 3rd ed., 4.2, without the continuity correction):
    /// n = (z_α/2·√(2·p̄·q̄) + z_β·√(p₁q₁ + p₂q₂))² / (p₁ − p₂)², p̄ = (p₁ + p₂)/2, q = 1 − p, rounded up.
    /// By default α = 0.05 two-sided and power 80%. Nil when the proportions are equal, outside
    /// [0, 1], or need more than `limit`.
    public static func twoProportions(_ p1: Double, _ p2: Double,
                                      zAlpha: Double = ConfidenceInterval.z95, zBeta: Double = z80) -> Int? {
        guard (0...1).contains(p1), (0...1).contains(p2), p1 != p2 else { return nil }
        let mean = (p1 + p2) / 2
        let spread = zAlpha * (2 * mean * (1 - mean)).squareRoot() + zBeta * (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        return rounded(spread * spread / ((p1 - p2) * (p1 - p2)))
    }

    /// Per group, to detect a `difference` between two means whose single units have the
    /// variances `variance1` and `variance2` (the normal approximation for two samples of equal
    /// size with unequal variances): n = (z_α/2 + z_β)²·(σ₁² + σ₂²) / Δ², rounded up. Used for the
    /// recovery rate, a ratio estimate, with σ² = n·SE² of each cell's delta-method standard
    /// error (the variance of one case's linearised contribution). Nil when the difference is 0,
    /// a variance is negative or not finite, or the answer exceeds `limit`.
    public static func twoMeans(difference: Double, variance1: Double, variance2: Double,
                                zAlpha: Double = ConfidenceInterval.z95, zBeta: Double = z80) -> Int? {
        guard difference != 0, variance1 >= 0, variance2 >= 0 else { return nil }
        let z = zAlpha + zBeta
        return rounded(z * z * (variance1 + variance2) / (difference * difference))
    }

    private static func rounded(_ n: Double) -> Int? {
        guard n.isFinite, n <= limit else { return nil }
        return Int(n.rounded(.up))
    }
}
