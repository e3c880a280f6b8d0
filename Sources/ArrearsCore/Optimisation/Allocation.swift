/// What `Allocator.solve` chose for an `AllocationProblem`, with the certificate of how far it
/// can be from the best choice.
public struct Allocation: Sendable, Equatable {
    /// Which of the two solutions the allocator kept (see `Allocator`).
    public enum Method: String, Sendable {
        case prices
        case greedy
    }

    /// Per case, the chosen option's position in the problem's `values` and `resources`, or -1
    /// for no contact.
    public let choices: [Int32]
    /// The chosen options' net values added up, in minor units.
    public let total: Int64
    /// No choice within the resources is worth more than this (the Lagrangian dual).
    public let upperBound: Int64
    /// The final price of one unit of each resource, in minor units.
    public let prices: [Int64]
    /// Coordinate-descent rounds the prices took.
    public let rounds: Int
    public let method: Method

    /// The chosen option of case `index` as a position within that case's options; nil for no contact.
    public func choice(of index: Int, in problem: AllocationProblem) -> Int? {
        let position = Int(choices[index])
        return position >= 0 ? position - problem.offsets[index] : nil
    }

    /// At most this much below the best choice, in minor units.
    public var gap: Int64 { upperBound - total }
}
