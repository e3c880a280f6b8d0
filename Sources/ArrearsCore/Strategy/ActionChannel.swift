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

    /// The channels that cannot reach a customer without a mobile number (SMS) or without an
    /// e-mail address (e-mail), as the daily run judges them; the others need neither.
    public static func unreachable(hasMobile: Bool, hasEmail: Bool) -> Set<ActionChannel> {
        var channels: Set<ActionChannel> = []
        if !hasMobile { channels.insert(.sms) }
        if !hasEmail { channels.insert(.email) }
        return channels
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
