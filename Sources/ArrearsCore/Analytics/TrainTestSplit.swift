/// Rows split at random into training and held-out test rows; the same seed gives the same split.
public struct TrainTestSplit: Sendable, Equatable {
    /// Ascending row indices.
    public let train: [Int]
    /// Ascending row indices: `testShare` of the rows, rounded.
    public let test: [Int]

    /// `testShare` is more than 0 and less than 1.
    public init(rows: Int, testShare: Double, seed: UInt64) throws(ScorecardError) {
        guard testShare > 0, testShare < 1 else { throw .invalidTestShare(testShare) }
        var order = Array(0..<rows)
        var generator = SeededGenerator(seed: seed)
        // Fisher–Yates written out, so the split does not depend on the standard library's shuffle.
        for index in stride(from: rows - 1, to: 0, by: -1) {
            order.swapAt(index, Int(generator.next() % UInt64(index + 1)))
        }
        let testCount = Int((Double(rows) * testShare).rounded())
        test = order[..<testCount].sorted()
        train = order[testCount...].sorted()
    }
}
