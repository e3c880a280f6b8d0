import ArrearsCore

/// Why a model could not be trained, found or activated.
public enum ScoringError: Error, Equatable, CustomStringConvertible {
    case badStoredDate(column: String, value: String)
    case noObservations(target: ScoringTarget, window: String)
    case onlyOneOutcome(target: ScoringTarget, part: String, events: Int, rows: Int)
    case unknownModel(String)
    case badPayShare(Double)

    public var description: String {
        switch self {
        case .badStoredDate(let column, let value):
            "stored \(column) '\(value)' is not a date"
        case .noObservations(let target, let window):
            "no \(target.rawValue) observations in \(window): the history is too short (import dues and payments covering it, or choose a later --as-of)"
        case .onlyOneOutcome(let target, let part, let events, let rows):
            "the \(part) rows of \(target.rawValue) have \(events) events in \(rows) rows: a model needs both outcomes"
        case .unknownModel(let id):
            "no model '\(id)' (see `arrears model list`)"
        case .badPayShare(let share):
            "--pay-share must be above 0 and at most 1, not \(share)"
        }
    }
}
