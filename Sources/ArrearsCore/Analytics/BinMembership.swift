/// Which values fall into a bin of a scorecard feature.
public enum BinMembership: Sendable, Codable, Equatable {
    /// Numbers with `lower ≤ value < upper`; `nil` is unbounded on that side.
    case range(lower: Double?, upper: Double?)
    /// These categories.
    case categories([String])
    /// Exactly this number, a special value (`ScorecardSettings.specialValues`) that is a
    /// code rather than an amount.
    case special(Double)
    /// Missing values (NaN, the empty string), and categories the training data never had.
    case missing
}
