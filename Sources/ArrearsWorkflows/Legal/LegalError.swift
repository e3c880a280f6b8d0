import ArrearsCore
import ArrearsStore

/// Why the legal book did not do what was asked: not found, a field's value not allowed, or a
/// conflict with what is stored (`code` says which: `stage_refused`, `legal_case_exists`,
/// `legal_case_closed`).
public enum LegalError: Error, Equatable, CustomStringConvertible {
    case notFound(field: String, id: String)
    case invalid(field: String, message: String)
    case conflict(code: String, field: String, message: String)

    init(_ error: LegalMoveError) {
        switch error {
        case .refused: self = .conflict(code: "stage_refused", field: error.field, message: error.description)
        case .invalid(let field, let message): self = .invalid(field: field, message: message)
        }
    }

    public var field: String {
        switch self {
        case .notFound(let field, _), .invalid(let field, _), .conflict(_, let field, _): field
        }
    }

    public var description: String {
        switch self {
        case .notFound(let field, let id): "\(field): there is no '\(id)'"
        case .invalid(let field, let message): "\(field): \(message)"
        case .conflict(_, _, let message): message
        }
    }
}
