/// A way to reach a customer or someone who knows them. The customer's own mobile, e-mail and
/// address are the contact points `mobile`, `email` and `address`; others (another phone, an
/// emergency contact, an employer) are recorded with their own ids.
public struct ContactPoint: Sendable, Equatable {
    public static let mobile = "mobile"
    public static let email = "email"
    public static let address = "address"

    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// A number, address or mailbox of the customer.
        case own
        /// An emergency contact the customer named (紧急联系人).
        case emergencyContact = "emergency_contact"
        /// Any other third party (relative, employer, colleague).
        case thirdParty = "third_party"
    }

    public let id: String
    public let kind: Kind
    /// False once the number or address is known to be wrong or to reach someone else (an
    /// attempt ended `invalid_number` or `wrong_party`): it is not used again.
    public let valid: Bool
    /// Why it was marked not to be used: the outcome that marked it (`wrong_party`).
    public let invalidReason: String?

    public init(id: String, kind: Kind, valid: Bool = true, invalidReason: String? = nil) {
        self.id = id
        self.kind = kind
        self.valid = valid
        self.invalidReason = invalidReason
    }
}
