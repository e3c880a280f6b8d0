/// Why the workbench refused to take a promise or post a payment. Each names the request field
/// to blame; `conflicts` are refusals of a valid request because of what is already stored.
public enum WorkbenchError: Error, Equatable, CustomStringConvertible {
    /// No such case, account or customer, or one outside the user's scope.
    case notFound(field: String, id: String)
    case invalid(field: String, message: String)
    /// The case already has a pending promise to pay.
    case pendingPromise(promiseId: String)
    /// A payment id that is stored with other content.
    case paymentConflict(paymentId: String)
    /// What the request would change is no longer in the state it needs (a visit reported or
    /// cancelled already, by this request sent twice or by someone else).
    case wrongStatus(field: String, message: String)

    public var field: String {
        switch self {
        case .notFound(let field, _), .invalid(let field, _), .wrongStatus(let field, _): field
        case .pendingPromise: "case_id"
        case .paymentConflict: "payment_id"
        }
    }

    public var description: String {
        switch self {
        case .notFound(let field, let id): "\(field): there is no '\(id)'"
        case .invalid(let field, let message), .wrongStatus(let field, let message): "\(field): \(message)"
        case .pendingPromise(let id): "case_id: the case already has a pending promise to pay (\(id)); one at a time"
        case .paymentConflict(let id): "payment_id: payment '\(id)' is already stored with other content"
        }
    }
}
