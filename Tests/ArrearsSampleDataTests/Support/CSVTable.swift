import ArrearsCore
import Foundation

/// A CSV file read back whole (RFC 4180: quoted fields may hold commas, doubled quotes and line
/// breaks), for checking what the generator wrote.
struct CSVTable: Sendable {
    let header: [String]
    let rows: [[String]]
    private let columnIndex: [String: Int]

    init(contentsOf url: URL) throws {
        var records = CSVTable.parse(Array(try Data(contentsOf: url)))
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

    private static func parse(_ bytes: [UInt8]) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if inQuotes {
                if byte == UInt8(ascii: "\"") {
                    if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        inQuotes = false
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == UInt8(ascii: "\"") {
                inQuotes = true
            } else if byte == UInt8(ascii: ",") {
                record.append(String(decoding: field, as: UTF8.self))
                field.removeAll()
            } else if byte == UInt8(ascii: "\n") {
                record.append(String(decoding: field, as: UTF8.self))
                records.append(record)
                record = []
                field.removeAll()
            } else {
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(String(decoding: field, as: UTF8.self))
            records.append(record)
        }
        return records
    }
}
