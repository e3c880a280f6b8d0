/// How well a ranking by predicted uplift finds the cases where a channel gains most over no
/// contact, measured on held-out treated and control rows (issue 27).
///
/// The rows are ranked by score, highest first (ties in their given order). For the top k rows,
/// with weighted means Ȳₜ(k) of the treated and Ȳ꜀(k) of the controls (weights: inverse
/// propensities, so that rows a channel was unlikely to reach count for those it did not):
/// - `uplift(atTop:)` is Ȳₜ(k) − Ȳ꜀(k), the estimated gain per case of treating the top share
///   (nil while either group is empty there);
/// - the gain curve G(k) = k · (Ȳₜ(k) − Ȳ꜀(k)) is what treating the top k gains in all (0 while
///   either group is empty), and random targeting gains (k/N) · G(N);
/// - the Qini coefficient is the mean over k = 1…N of (G(k) − (k/N) · G(N)) / N: the average,
///   over every share of cases targeted, of the extra amount repaid per case of the hold-out by
///   targeting by the ranking rather than at random. 0 is random; above 0 the ranking helps.
public struct UpliftCurve: Sendable, Equatable {
    /// G(k) for k = 1…N.
    public let gains: [Double]
    /// Ȳₜ(k) − Ȳ꜀(k) for k = 1…N, nil while either group is empty.
    private let uplifts: [Double?]

    /// `scores`, `treated`, `outcomes` and `weights` (above 0) have one value per row.
    public init(scores: [Double], treated: [Bool], outcomes: [Double], weights: [Double]) {
        let order = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        var treatedWeight = 0.0, treatedSum = 0.0, controlWeight = 0.0, controlSum = 0.0
        var gains: [Double] = [], uplifts: [Double?] = []
        gains.reserveCapacity(order.count)
        for (position, row) in order.enumerated() {
            let weight = row < weights.count ? weights[row] : 1
            if treated[row] {
                treatedWeight += weight
                treatedSum += weight * outcomes[row]
            } else {
                controlWeight += weight
                controlSum += weight * outcomes[row]
            }
            if treatedWeight > 0, controlWeight > 0 {
                let uplift = treatedSum / treatedWeight - controlSum / controlWeight
                uplifts.append(uplift)
                gains.append(uplift * Double(position + 1))
            } else {
                uplifts.append(nil)
                gains.append(0)
            }
        }
        self.gains = gains
        self.uplifts = uplifts
    }

    public var count: Int { gains.count }

    /// The estimated gain per case of treating the top `share` (0 < share ≤ 1) of the ranking.
    public func uplift(atTop share: Double) -> Double? {
        guard !uplifts.isEmpty, share > 0 else { return nil }
        let k = min(uplifts.count, max(1, Int((Double(uplifts.count) * share).rounded())))
        return uplifts[k - 1]
    }

    public var qiniCoefficient: Double {
        guard let total = gains.last else { return 0 }
        let n = Double(gains.count)
        var area = 0.0
        for (index, gain) in gains.enumerated() { area += gain - Double(index + 1) / n * total }
        return area / n / n
    }
}
