/// How a contact reaches a customer, as the policy pack sees it: the strategy's channels plus
/// contacts with third parties (relatives, employers, emergency contacts).
public enum ContactChannel: String, CaseIterable, Sendable, Codable {
    case call
    case sms
    case email
    case visit
    case thirdParty = "third_party"
    case letter
    case legalReview = "legal_review"

    /// The policy channel of a strategy treatment.
    public init(_ channel: Channel) {
        switch channel {
        case .call: self = .call
        case .sms: self = .sms
        case .email: self = .email
        case .visit: self = .visit
        case .letter: self = .letter
        case .legalReview: self = .legalReview
        }
    }

    /// The customer's own contact point this channel uses when none is named.
    public var defaultContactPoint: String? {
        switch self {
        case .call, .sms: ContactPoint.mobile
        case .email: ContactPoint.email
        case .visit, .letter: ContactPoint.address
        case .thirdParty, .legalReview: nil
        }
    }
}
