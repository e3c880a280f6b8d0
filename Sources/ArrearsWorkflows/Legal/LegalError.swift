import ArrearsCore
import ArrearsStore

/// Why the legal book did not do what was asked: not found, a field's value not allowed, or a
/// conflict with what is stored (`code` says which: `stage_refused`, `legal_case_exists`,
/// `legal_case_closed`), or a step the customer's flags or the time gates refuse (`blocked`,
/// `LegalGate`: the API's 409 `blocked_by_policy` naming the rule).
public enum LegalError: Error, Equatable, CustomStringConvertible {
    case notFound(field: String, id: String)
    case invalid(field: String, message: String)
    case conflict(code: String, field: String, message: String)
    case blocked(LegalGateRefusal, field: String)

    init(_ error: LegalMoveError) {
        switch error {
        case .refused: self = .conflict(code: "stage_refused", field: error.field, message: error.description)
        case .invalid(let field, let message): self = .invalid(field: field, message: message)
        }
    }

    public var field: String {
        switch self {
        case .notFound(let field, _), .invalid(let field, _), .conflict(_, let field, _), .blocked(_, let field): field
        }
    }

    public var description: String {
        switch self {
        case .notFound(let field, let id): "\(field): there is no '\(id)'"
        case .invalid(let field, let message): "\(field): \(message)"
        case .conflict(_, _, let message): message
        case .blocked(let refusal, let field): "\(field): \(refusal.message)"
        }
    }
}
