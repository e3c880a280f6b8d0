/// The values of one feature, one per row, in the row order of the outcomes they explain.
public enum FeatureValues: Sendable, Equatable {
    /// Numbers; `Double.nan` marks a missing value.
    case numeric([Double])
    /// Categories; the empty string marks a missing value.
    case categorical([String])

    /// The number of rows.
    public var count: Int {
        switch self {
        case .numeric(let values): values.count
        case .categorical(let values): values.count
        }
    }

    /// The values of the rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> FeatureValues {
        switch self {
        case .numeric(let values): .numeric(indices.map { values[$0] })
        case .categorical(let values): .categorical(indices.map { values[$0] })
        }
    }
}
