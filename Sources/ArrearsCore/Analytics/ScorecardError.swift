/// Why a scorecard cannot be fitted, or a CSV file cannot be fitted by `ModelFit`.
///
/// Rows are the lines of the file where the record starts (the header is line 1).
public enum ScorecardError: Error, Equatable, Sendable, CustomStringConvertible {
    /// There are no rows to fit.
    case emptyData
    /// No row has the event, so nothing tells events from non-events.
    case noEvents
    /// Every row has the event.
    case onlyEvents
    /// A feature has another number of values than there are outcomes.
    case rowCountMismatch(feature: String, expected: Int, actual: Int)
    case invalidSetting(name: String, value: Double, rule: String)
    /// The Newton steps did not settle (for example a feature separates the events perfectly and `l2` is 0).
    case didNotConverge(iterations: Int)
    /// The system of a Newton step cannot be solved (for example two identical features and `l2` 0).
    case singularSystem
    /// The CSV text has no header line.
    case emptyFile
    case missingTargetColumn(String)
    /// A column to leave out (`--exclude`) is not in the header.
    case missingExcludedColumn(String)
    case duplicateColumn(String)
    case wrongFieldCount(row: Int, expected: Int, actual: Int)
    case unterminatedQuote(row: Int)
    case emptyTarget(row: Int, column: String)
    /// A row's target value is a third distinct one.
    case targetNotBinary(row: Int, column: String, value: String, seen: [String])
    /// The target has one distinct value only.
    case targetSingleValue(column: String, value: String)
    /// The target's two values are not 0 and 1, so the event must be named.
    case eventRequired(column: String, values: [String])
    case unknownEvent(column: String, event: String, values: [String])
    case invalidTestShare(Double)

    public var description: String {
        switch self {
        case .emptyData: "there are no rows to fit"
        case .noEvents: "no row has the event, so there is nothing to learn from"
        case .onlyEvents: "every row has the event, so there is nothing to learn from"
        case .rowCountMismatch(let feature, let expected, let actual):
            "feature '\(feature)' has \(actual) values for \(expected) outcomes"
        case .invalidSetting(let name, let value, let rule): "setting \(name) is \(value); it must be \(rule)"
        case .didNotConverge(let iterations):
            "the logistic regression did not converge in \(iterations) iterations (a feature may separate the events perfectly; use a ridge penalty above 0)"
        case .singularSystem: "the logistic regression cannot be solved: features repeat one another (use a ridge penalty above 0)"
        case .emptyFile: "the file is empty: it needs a header row and data rows"
        case .missingTargetColumn(let column): "the header has no column '\(column)'"
        case .missingExcludedColumn(let column): "the header has no column '\(column)' to exclude"
        case .duplicateColumn(let column): "the header names column '\(column)' twice"
        case .wrongFieldCount(let row, let expected, let actual): "row \(row): \(actual) fields, but the header has \(expected)"
        case .unterminatedQuote(let row): "row \(row): a quoted field is never closed"
        case .emptyTarget(let row, let column): "row \(row): \(column): the target is empty"
        case .targetNotBinary(let row, let column, let value, let seen):
            "row \(row): \(column): a third value '\(value)'; the target must have exactly two values (seen \(seen.map { "'\($0)'" }.joined(separator: " and ")))"
        case .targetSingleValue(let column, let value): "\(column): every row has the value '\(value)'; the target must have exactly two values"
        case .eventRequired(let column, let values):
            "\(column): the values are \(values.map { "'\($0)'" }.joined(separator: " and ")), not 0 and 1; pass --event with the value that marks the event"
        case .unknownEvent(let column, let event, let values):
            "\(column): the event '\(event)' is not one of the target's values \(values.map { "'\($0)'" }.joined(separator: " and "))"
        case .invalidTestShare(let share): "the test share is \(share); it must be more than 0 and less than 1"
        }
    }
}
