/// What is wrong with one column of one input row. The row number is added by whoever knows it.
public struct FieldError: Error, Equatable, Sendable, CustomStringConvertible {
    public let column: String
    public let message: String

    public init(column: String, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "\(column): \(message)" }
}

/// Every field error found in one row, so that a person can fix a row in one go.
public struct RowErrors: Error, Equatable, Sendable {
    public let errors: [FieldError]
    public init(_ errors: [FieldError]) { self.errors = errors }
}
