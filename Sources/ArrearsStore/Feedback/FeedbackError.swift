/// Why a satisfaction rating or a complaint was not stored.
public enum FeedbackError: Error, Equatable, CustomStringConvertible {
    case unknownContactAttempt(String)
    /// Only a conversation with the customer themself can be rated.
    case notRightPartyContact(attemptId: String, outcome: String)
    case alreadyRated(attemptId: String)
    case unknownCustomer(String)
    case unknownCase(String)
    case unknownComplaint(String)
    case complaintAlreadyResolved(String)
    case invalid(field: String, message: String)

    public var description: String {
        switch self {
        case .unknownContactAttempt(let id): "contact_attempt_id: no contact attempt '\(id)'"
        case .notRightPartyContact(let id, let outcome): "contact_attempt_id: attempt '\(id)' (\(outcome)) did not reach the customer, so it cannot be rated"
        case .alreadyRated(let id): "contact_attempt_id: attempt '\(id)' has been rated already"
        case .unknownCustomer(let id): "customer_id: no customer '\(id)'"
        case .unknownCase(let id): "case_id: no case '\(id)' of this customer"
        case .unknownComplaint(let id): "complaint_id: no complaint '\(id)'"
        case .complaintAlreadyResolved(let id): "complaint_id: complaint '\(id)' is resolved already"
        case .invalid(let field, let message): "\(field): \(message)"
        }
    }

    /// The field the error is about, for API errors.
    public var field: String {
        switch self {
        case .unknownContactAttempt, .notRightPartyContact, .alreadyRated: "contact_attempt_id"
        case .unknownCustomer: "customer_id"
        case .unknownCase: "case_id"
        case .unknownComplaint, .complaintAlreadyResolved: "complaint_id"
        case .invalid(let field, _): field
        }
    }
}
