/// One explanatory variable of a scorecard: a name and a value for every row.
public struct Feature: Sendable {
    public var name: String
    public var values: FeatureValues
    /// Asked of numeric features' bins; `.auto` follows the data.
    public var monotonicity: Monotonicity

    public init(name: String, values: FeatureValues, monotonicity: Monotonicity = .auto) {
        self.name = name
        self.values = values
        self.monotonicity = monotonicity
    }

    /// The same feature restricted to the rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> Feature {
        Feature(name: name, values: values.rows(indices), monotonicity: monotonicity)
    }
}
