/// Why a contact record (a flag, a contact point, an attempt, an appointment) was not stored.
public enum ContactRecordError: Error, Equatable, CustomStringConvertible {
    case unknownCustomer(String)
    case unknownFlag(String)
    case invalid(field: String, message: String)

    public var description: String {
        switch self {
        case .unknownCustomer(let id): "customer_id: no customer '\(id)'"
        case .unknownFlag(let id): "flag_id: no open flag '\(id)'"
        case .invalid(let field, let message): "\(field): \(message)"
        }
    }

    /// The field the error is about, for API errors.
    public var field: String {
        switch self {
        case .unknownCustomer: "customer_id"
        case .unknownFlag: "flag_id"
        case .invalid(let field, _): field
        }
    }
}
