/// A champion/challenger cell: a name and the share of customers it gets, in basis points
/// (hundredths of a percent; `8000` is 80%). A strategy's cells add up to 10,000. A cell with an
/// `optimise` plan decides its cases by expected value within capacity, its treatment rules
/// serving as guardrails (`OptimisePlan`).
public struct Cell: Sendable, Equatable {
    public let name: String
    public let basisPoints: Int
    /// Set when the cell decides by expected value; nil when by its first due rule.
    public let optimise: OptimisePlan?

    public init(name: String, basisPoints: Int, optimise: OptimisePlan? = nil) {
        self.name = name
        self.basisPoints = basisPoints
        self.optimise = optimise
    }
}
