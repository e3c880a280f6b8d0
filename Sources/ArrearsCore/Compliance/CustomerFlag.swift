/// Something recorded about a customer that changes how, or whether, they may be contacted.
/// A flag may hold for one channel only (a cease request for calls) and for a span of the
/// customer's local dates; without `until` it holds until it is ended.
public struct CustomerFlag: Sendable, Equatable {
    public enum Kind: String, CaseIterable, Sendable, Codable {
        /// The customer asked not to be contacted (on `channel`, or at all).
        case doNotContact = "do_not_contact"
        /// A written request to cease communication.
        case cease
        /// A dispute of the debt, not yet verified.
        case dispute
        case bankruptcy
        case deceased
        /// A vulnerable customer (illness, disability, bereavement, financial difficulty).
        case vulnerable
        /// A complaint that is open.
        case complaint
        /// UK Debt Respite Scheme breathing space: no contact, interest and fees frozen.
        case breathingSpace = "breathing_space"
        /// The debt is past its limitation period.
        case timeBarred = "time_barred"
        /// The customer cannot be found (lost contact, 失联).
        case lost
        case incapacitated
        /// Forbearance (instalments, deferral, reduced payments) was offered.
        case forbearanceOffered = "forbearance_offered"
        /// The customer's own choice of channel; `value` is the channel.
        case preferredChannel = "preferred_channel"
        /// The customer's own choice of time; `value` is `HH:MM-HH:MM` local.
        case preferredHours = "preferred_hours"
        /// The customer claimed financial hardship: an income-and-expenditure assessment is due,
        /// and forbearance within the hardship allowance needs no escalation.
        case hardship
        /// The customer refused contact or asked it to stop, accepting only some channels (the
        /// `cn` pack's reading of such a request); `value` lists them, `sms,email`, empty for none.
        case acceptedChannels = "accepted_channels"
    }

    public let kind: Kind
    public let channel: ContactChannel?
    public let from: LocalDate?
    public let until: LocalDate?
    public let value: String?

    public init(kind: Kind, channel: ContactChannel? = nil, from: LocalDate? = nil, until: LocalDate? = nil, value: String? = nil) {
        self.kind = kind
        self.channel = channel
        self.from = from
        self.until = until
        self.value = value
    }

    /// The channels an `accepted_channels` flag names; unknown names are ignored.
    public var channelsAccepted: Set<ContactChannel> {
        Set((value ?? "").split(separator: ",").compactMap { ContactChannel(rawValue: $0.trimmingCharacters(in: .whitespaces)) })
    }

    /// Whether the flag holds on the customer's local `date` for `channel`.
    public func holds(on date: LocalDate, for channel: ContactChannel) -> Bool {
        if let from, date < from { return false }
        if let until, date > until { return false }
        return self.channel == nil || self.channel == channel
    }
}
