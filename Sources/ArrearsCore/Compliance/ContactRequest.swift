import Foundation

/// A contact someone wants to make: the daily run planning a treatment, or a collector about to
/// dial, send or visit.
public struct ContactRequest: Sendable {
    public let channel: ContactChannel
    public let at: Date
    /// The contact point to use; nil for the channel's default (`mobile` for calls and SMS).
    public let contactPoint: String?
    /// How many collectors go on a visit, and whether they show identification (seed 002).
    public let visitors: Int?
    public let identificationShown: Bool
    /// Whether this is a real contact, or the daily run planning today's work, when the details
    /// only known at the moment of contact (who visits, which third party) are checked later.
    public let stage: Stage

    public enum Stage: Sendable {
        case planning
        case contact
    }

    public init(channel: ContactChannel, at: Date, contactPoint: String? = nil, visitors: Int? = nil, identificationShown: Bool = false,
                stage: Stage = .contact) {
        self.channel = channel
        self.at = at
        self.contactPoint = contactPoint
        self.visitors = visitors
        self.identificationShown = identificationShown
        self.stage = stage
    }

    var contactPointId: String? { contactPoint ?? channel.defaultContactPoint }
}
