/// The channel an action took, as the history of actions records it: one of the strategy's
/// channels, or `none`, a deliberate no-contact (the control against which a channel's effect
/// is measured, issue 27).
public enum ActionChannel: String, CaseIterable, Sendable, Codable, Comparable {
    case sms
    case email
    case call
    case visit
    case letter
    case legalReview = "legal_review"
    case none

    /// Whether the channel can reach a customer: SMS needs a mobile number, e-mail an address;
    /// the others need neither. The daily run and the response models' support judge by it.
    public func reaches(hasMobile: Bool, hasEmail: Bool) -> Bool {
        switch self {
        case .sms: hasMobile
        case .email: hasEmail
        default: true
        }
    }

    /// The channels that cannot reach a customer (`reaches`).
    public static func unreachable(hasMobile: Bool, hasEmail: Bool) -> Set<ActionChannel> {
        Set(allCases.filter { !$0.reaches(hasMobile: hasMobile, hasEmail: hasEmail) })
    }

    public init(_ channel: Channel) {
        switch channel {
        case .sms: self = .sms
        case .email: self = .email
        case .call: self = .call
        case .visit: self = .visit
        case .letter: self = .letter
        case .legalReview: self = .legalReview
        }
    }

    /// The strategy's channel; nil for `none`.
    public var channel: Channel? { Channel(rawValue: rawValue) }

    /// The channels that contact the customer: every case but `none`.
    public static let contacts: [ActionChannel] = allCases.filter { $0 != .none }

    public static func < (lhs: ActionChannel, rhs: ActionChannel) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
