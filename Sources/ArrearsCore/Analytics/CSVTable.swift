/// A UTF-8 CSV text with a header line, read whole by `CSVReader` (fields separated by commas,
/// optionally in double quotes, a quote inside quotes doubled, quoted fields holding commas and
/// line breaks; lines ended by LF or CRLF). Blank lines are skipped; a leading byte order mark
/// is ignored.
public struct CSVTable: Sendable, Equatable {
    public let header: [String]
    /// The data records, each with as many fields as the header.
    public let records: [[String]]
    /// The line of the text where each record starts (the header is line 1).
    public let lines: [Int]

    public init(parsing text: String) throws(ScorecardError) {
        let reader = CSVReader(bytes: text.utf8)
        var parsed: [CSVRecord] = []
        do throws(CSVError) {
            while let record = try reader.next() { parsed.append(record) }
        } catch {
            switch error {
            case .unterminatedQuote(let line): throw .unterminatedQuote(row: line)
            // Text is valid UTF-8, and the other errors are the file's.
            case .invalidUTF8, .cannotOpen, .missingHeader: throw .emptyFile
            }
        }
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
