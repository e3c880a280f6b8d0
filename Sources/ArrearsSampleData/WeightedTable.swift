/// A fixed set of values drawn with fixed relative weights, such as credit ratings
/// A 20, B 30, C 25, D 15, E 10.
///
/// Drawing costs one random number and a scan of the (short) table.
struct WeightedTable<Value: Sendable>: Sendable {
    private let values: [Value]
    private let cumulativeWeights: [Int]

    /// `entries` pairs each value with a positive weight; weights need not add up to 100.
    init(_ entries: [(Value, Int)]) {
        precondition(!entries.isEmpty && entries.allSatisfy { $0.1 > 0 }, "weights must be positive")
        var running = 0
        values = entries.map(\.0)
        cumulativeWeights = entries.map { running += $0.1; return running }
    }

    func draw(using random: inout SampleRandom) -> Value {
        let point = random.below(cumulativeWeights[cumulativeWeights.count - 1])
        var index = 0
        while cumulativeWeights[index] <= point { index += 1 }
        return values[index]
    }
}
