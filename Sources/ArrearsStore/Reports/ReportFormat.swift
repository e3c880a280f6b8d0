import ArrearsCore
import Foundation

/// How a report is printed: CSV with a header row, or a JSON array of objects.
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv, json
}

/// Writes a report's rows, one at a time, in either format, to a sink (standard output, a file).
/// Every value is given as text; `numericColumns` are written as JSON numbers.
public final class ReportWriter: @unchecked Sendable {
    private let format: ReportFormat
    private let columns: [String]
    private let numericColumns: Set<String>
    private let sink: (String) -> Void
    private var rows = 0

    public init(format: ReportFormat, columns: [String], numericColumns: Set<String> = [], sink: @escaping (String) -> Void) {
        self.format = format
        self.columns = columns
        self.numericColumns = numericColumns
        self.sink = sink
        if format == .csv { sink(columns.map(CSVField.text).joined(separator: ",") + "\n") } else { sink("[") }
    }

    public func write(_ values: [String]) {
        switch format {
        case .csv:
            sink(values.map(CSVField.text).joined(separator: ",") + "\n")
        case .json:
            let members = zip(columns, values).map { column, value in
                "\"\(column)\":" + (numericColumns.contains(column) ? value : JSONText.quoted(value))
            }
            sink((rows == 0 ? "\n" : ",\n") + "{" + members.joined(separator: ",") + "}")
        }
        rows += 1
    }

    public func finish() {
        if format == .json { sink(rows == 0 ? "]\n" : "\n]\n") }
    }
}
