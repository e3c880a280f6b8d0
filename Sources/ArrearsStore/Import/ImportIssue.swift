/// One thing wrong with an import file, shown to people as `FILE:ROW: column: what is wrong`.
/// `row` is the line of the file where the record starts (the header is line 1).
public struct ImportIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let row: Int
    public let column: String?
    public let message: String

    public init(file: String, row: Int, column: String?, message: String) {
        self.file = file
        self.row = row
        self.column = column
        self.message = message
    }

    public var description: String {
        if let column { return "\(file):\(row): \(column): \(message)" }
        return "\(file):\(row): \(message)"
    }
}

/// The import was rejected: nothing from the file was stored.
public struct ImportRejected: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let issueCount: Int

    public var description: String {
        "\(file): rejected with \(issueCount) error\(issueCount == 1 ? "" : "s"); nothing from this file was stored"
    }
}

/// What an accepted import did.
public struct ImportSummary: Equatable, Sendable {
    public let kind: ImportKind
    public let file: String
    public let rows: Int
    public let seconds: Double
}
