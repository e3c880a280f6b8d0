/// A UTF-8 CSV text with a header line: fields separated by commas, optionally in double
/// quotes (a quote inside quotes is doubled; quoted fields may hold commas and line breaks),
/// lines ended by LF or CRLF. Blank lines are skipped; a leading byte order mark is ignored.
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    /// The data records, each with as many fields as the header.
    public let records: [[String]]
    /// The line of the text where each record starts (the header is line 1).
    public let lines: [Int]

    public init(parsing text: String) throws(ScorecardError) {
        var parsed: [(line: Int, fields: [String])] = []
        var fields: [String] = [], field: [UInt8] = []
        var line = 1, recordLine = 1
        var inQuotes = false, quotedField = false
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        func endRecord() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if !(fields.count == 1 && fields[0].isEmpty && !quotedField) { parsed.append((recordLine, fields)) }
            fields = []
            quotedField = false
        }
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
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""):
                    inQuotes = true
                    quotedField = true
                case UInt8(ascii: ","):
                    fields.append(String(decoding: field, as: UTF8.self))
                    field.removeAll(keepingCapacity: true)
                case UInt8(ascii: "\n"):
                    if field.last == UInt8(ascii: "\r") { field.removeLast() }
                    endRecord()
                    line += 1
                    recordLine = line
                default:
                    field.append(byte)
                }
            }
            index += 1
        }
        if inQuotes { throw .unterminatedQuote(row: recordLine) }
        if !field.isEmpty || !fields.isEmpty || quotedField { endRecord() }
        guard let first = parsed.first else { throw .emptyFile }
        header = first.fields
        var seen: Set<String> = []
        for name in header where !seen.insert(name).inserted { throw .duplicateColumn(name) }
        for record in parsed.dropFirst() where record.fields.count != header.count {
            throw .wrongFieldCount(row: record.line, expected: header.count, actual: record.fields.count)
        }
        records = parsed.dropFirst().map(\.fields)
        lines = parsed.dropFirst().map(\.line)
    }
}
