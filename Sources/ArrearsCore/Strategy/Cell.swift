/// A champion/challenger cell: a name and the share of customers it gets, in basis points
/// (hundredths of a percent; `8000` is 80%). A strategy's cells add up to 10,000.
public struct Cell: Sendable, Equatable {
    public let name: String
    public let basisPoints: Int

    public init(name: String, basisPoints: Int) {
        self.name = name
        self.basisPoints = basisPoints
    }
}
