/// Why an arrangement cannot be proposed, approved or activated as asked. Each names the field
/// (or the limit) to blame, for the API's 422 and the CLI's message.
public enum ArrangementError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A term of the arrangement is not allowed: `field` is the request's field.
    case invalid(field: String, message: String)
    /// The role's authority limits do not cover the arrangement.
    case beyondAuthority(role: Role, limit: AuthorityLimits.Limit, message: String)
    /// No such account or arrangement (or none the user may see); `field` names the id.
    case notFound(field: String, message: String)
    /// The arrangement is not in a status that allows this (approving a rejected one).
    case wrongStatus(ArrangementStatus, message: String)
    /// Four eyes: the proposer may not approve their own arrangement of this kind.
    case sameApprover(message: String)

    public var description: String {
        switch self {
        case .invalid(let field, let message): "\(field): \(message)"
        case .beyondAuthority(_, _, let message), .notFound(_, let message), .wrongStatus(_, let message), .sameApprover(let message): message
        }
    }

    /// The request field or the limit the error is about.
    public var field: String {
        switch self {
        case .invalid(let field, _): field
        case .beyondAuthority(_, let limit, _): limit.rawValue
        case .notFound(let field, _): field
        case .wrongStatus: "status"
        case .sameApprover: "approver"
        }
    }
}
