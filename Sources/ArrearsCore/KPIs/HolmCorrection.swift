/// Holm's step-down correction for multiple comparisons (S. Holm, "A simple sequentially
/// rejective multiple test procedure", *Scandinavian Journal of Statistics* 6 (1979) 65–70).
///
/// Testing each of m challengers against the champion at level α finds a "significant"
/// difference by chance far more often than α. Holm's procedure keeps the chance of any false
/// finding in the whole family at most α, whatever the dependence between the tests, and
/// rejects at least as much as Bonferroni's.
public enum HolmCorrection {
    /// The Holm-adjusted p-values of a family of `pValues.count` hypotheses, in the given order.
    /// With the tested p-values sorted p₍₁₎ ≤ … ≤ p₍ₖ₎, the adjusted value of p₍ᵢ₎ is
    /// maxⱼ≤ᵢ min(1, (m − j + 1)·p₍ⱼ₎); an adjusted value below α is exactly a rejection by Holm's
    /// procedure at level α. A `nil` is a hypothesis of the family that could not be tested: it
    /// stays `nil` and still counts in m (as if its p were 1), so that the family is the one
    /// planned, not the part of it that happens to have data.
    public static func adjust(_ pValues: [Double?]) -> [Double?] {
        let m = Double(pValues.count)
        let tested = pValues.enumerated().compactMap { index, p in p.map { (index: index, p: $0) } }
            .sorted { ($0.p, $0.index) < ($1.p, $1.index) }
        var adjusted = [Double?](repeating: nil, count: pValues.count)
        var running = 0.0
        for (rank, entry) in tested.enumerated() {
            running = max(running, min(1, (m - Double(rank)) * entry.p))
            adjusted[entry.index] = running
        }
        return adjusted
    }
}
