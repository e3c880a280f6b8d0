import ArrearsCore
import ArrearsStore

extension CellGain {
    /// Prints `gains` to standard output under `CellGain.columns`: the one output of `arrears
    /// simulate` and `arrears evaluate`, so that what a strategy did in a simulation and what the
    /// history says it would have done read side by side.
    static func print(_ gains: [CellGain], format: ReportFormat) {
        BufferedOutput.printTable(format: format, columns: columns, numericColumns: numericColumns, rows: gains.map(\.fields))
    }
}
