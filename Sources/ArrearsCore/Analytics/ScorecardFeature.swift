/// A feature kept in a scorecard: its bins and its weight in the model.
public struct ScorecardFeature: Sendable, Codable, Equatable {
    public let name: String
    public let kind: FeatureKind
    /// The direction the bins' event rates follow (`.none` for categorical features).
    public let monotonicity: Monotonicity
    /// In order of value for numeric features, of event rate for categorical ones; then, for
    /// numeric features, a bin per special value the training data had; the missing bin,
    /// when the training data had missing values, last.
    public let bins: [ScorecardBin]
    /// The logistic regression's coefficient of the feature's WoE.
    public let coefficient: Double
    public let informationValue: Double

    /// The index of the bin of every value; values no bin holds go to the missing bin, and
    /// to −1 when there is none. Values of the other kind than the feature's are missing.
    func binIndices(_ values: FeatureValues) -> [Int32] {
        let missing = missingBin
        switch values {
        case .numeric(let numbers):
            guard kind == .numeric else { return Array(repeating: missing, count: numbers.count) }
            let lowers = bins.compactMap { bin -> Double? in
                if case .range(let lower?, _) = bin.membership { return lower }
                return nil
            }
            var binOfSpecial: [Double: Int32] = [:]
            for (index, bin) in bins.enumerated() {
                if case .special(let value) = bin.membership { binOfSpecial[value] = Int32(index) }
            }
            // The range bins come first, in order, so the index among their lower bounds is the bin's.
            return numbers.map { $0.isNaN ? missing : binOfSpecial[$0] ?? Int32(BinCuts.index(of: $0, in: lowers)) }
        case .categorical(let names):
            guard kind == .categorical else { return Array(repeating: missing, count: names.count) }
            var binOfCategory: [String: Int32] = [:]
            for (index, bin) in bins.enumerated() {
                if case .categories(let categories) = bin.membership {
                    for category in categories { binOfCategory[category] = Int32(index) }
                }
            }
            return names.map { binOfCategory[$0] ?? missing }
        }
    }

    /// The index of the missing bin, −1 when the feature has none.
    var missingBin: Int32 { bins.firstIndex { $0.membership == .missing }.map(Int32.init) ?? -1 }
}
