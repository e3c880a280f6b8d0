import ArrearsCore

/// What the portfolio's importer and the history of actions' share while they read a file:
/// the file's reader past its header, and the issues found, each reported as it is found and
/// counted (a file with any is rejected whole).
protocol ImportFileRun {
    var path: String { get }
    var report: @Sendable (ImportIssue) -> Void { get }
    var reader: CSVReader { get }
    var issueCount: Int { get set }
}

extension ImportFileRun {
    /// Opens `path` and checks its header (`ImportHeader`): the reader, past the header, and the
    /// header. A file without a header, or that cannot be read as CSV, is one issue on row 1; a
    /// header with issues reports them all; either way the file is rejected (`ImportRejected`).
    static func open(_ path: String, fileKind: String, columns: [String], required: [String],
                     report: (ImportIssue) -> Void) throws -> (reader: CSVReader, header: ImportHeader) {
        let reader: CSVReader, header: ImportHeader
        do {
            reader = try CSVReader(path: path)
            guard let first = try reader.next() else { throw CSVError.missingHeader }
            header = ImportHeader(first.fields, path: path, fileKind: fileKind, columns: columns, required: required)
        } catch let error as CSVError {
            report(ImportIssue(file: path, row: 1, column: nil, message: error.description))
            throw ImportRejected(file: path, issueCount: 1)
        }
        if !header.issues.isEmpty {
            header.issues.forEach(report)
            throw ImportRejected(file: path, issueCount: header.issues.count)
        }
        return (reader, header)
    }

    /// Reports an issue on row `line` (and `column`, when one is to blame) and counts it.
    mutating func fail(_ line: Int, _ column: String?, _ message: String) {
        issueCount += 1
        report(ImportIssue(file: path, row: line, column: column, message: message))
    }

    /// The file's next record; nil at its end, or at a quote that is never closed, which is an
    /// issue (nothing after it can be read).
    mutating func nextRecord() -> CSVRecord? {
        do { return try reader.next() } catch {
            if case .unterminatedQuote(let line) = error { fail(line, nil, error.description) }
            return nil
        }
    }
}
