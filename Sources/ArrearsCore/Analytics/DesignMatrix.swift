/// The numbers a logistic regression is fitted on: a row per observation, a column per
/// feature (for a scorecard, each feature's weight of evidence), stored row after row.
public struct DesignMatrix: Sendable, Equatable {
    public let columnNames: [String]
    public let rows: Int
    /// `rows × columns` values, row-major.
    public let values: [Double]

    public var columns: Int { columnNames.count }

    public init(columnNames: [String], rows: Int, values: [Double]) {
        precondition(values.count == rows * columnNames.count, "a design matrix needs rows × columns values")
        self.columnNames = columnNames
        self.rows = rows
        self.values = values
    }

    public subscript(row: Int, column: Int) -> Double { values[row * columns + column] }

    /// Each row's weights of evidence: `bins[j][row]` is the bin of `row` in column `j`,
    /// `weights[j]` the WoE of each bin of column `j` (bin −1 weighs 0).
    init(columnNames: [String], rows: Int, bins: [[Int32]], weights: [[Double]]) {
        var values = [Double](repeating: 0, count: rows * columnNames.count)
        for column in columnNames.indices {
            let columnBins = bins[column], columnWeights = weights[column]
            for row in 0..<rows {
                let bin = columnBins[row]
                if bin >= 0 { values[row * columnNames.count + column] = columnWeights[Int(bin)] }
            }
        }
        self.init(columnNames: columnNames, rows: rows, values: values)
    }
}
