import ArrearsCore
import Foundation

/// A CSV file read back whole by the core's `CSVReader`, for checking what the generator wrote.
struct CSVTable: Sendable {
    let header: [String]
    let rows: [[String]]
    private let columnIndex: [String: Int]

    init(contentsOf url: URL) throws {
        let reader = try CSVReader(path: url.path)
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record.fields) }
        header = records.isEmpty ? [] : records.removeFirst()
        rows = records
        columnIndex = Dictionary(uniqueKeysWithValues: header.enumerated().map { ($1, $0) })
    }

    /// The value of `column` in `row`.
    func value(_ column: String, in row: [String]) -> String { row[columnIndex[column]!] }

    /// A reader over `row` for the import record initialisers.
    func reader(for row: [String]) -> FieldReader {
        let columnIndex = columnIndex
        return FieldReader { column in columnIndex[column].map { row[$0] } ?? "" }
    }
}
