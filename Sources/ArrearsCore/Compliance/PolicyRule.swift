/// One rule of a policy pack: what it forbids, in words a compliance officer and a regulator can
/// read, where it comes from, and how Arrears checks it.
public struct PolicyRule: Sendable, Equatable {
    public let id: String
    public let description: String
    /// The document and article the rule implements.
    public let source: String
    public let kind: Kind
    /// Whether a person may go ahead with a contact this rule forbids, and on what terms.
    public let override: Override

    public init(id: String, description: String, source: String, kind: Kind, override: Override = .never) {
        self.id = id
        self.description = description
        self.source = source
        self.kind = kind
        self.override = override
    }

    /// A pack's word on contacts its rule forbids (`override:` in the pack's YAML).
    public enum Override: String, Sendable, Equatable {
        /// A hard stop: nobody may start the contact.
        case never
        /// A person may start it after typing the reason (an agreed callback outside the hours),
        /// which is stored and audited (`reason_required`).
        case reasonRequired = "reason_required"
    }

    public enum Kind: Sendable, Equatable {
        /// No contact on `channels` while the customer carries one of `flags`.
        case flag(Set<CustomerFlag.Kind>, channels: Set<ContactChannel>)
        /// No contact on `channels` on a public holiday of the pack's calendar.
        case holiday(channels: Set<ContactChannel>)
        /// The customer chose a channel: `channels` other than it are not used.
        case preferredChannel(channels: Set<ContactChannel>)
        /// The customer refused contact or asked it to stop, accepting only some channels
        /// (`accepted_channels` flag): `channels` other than those are not used.
        case acceptedChannels(channels: Set<ContactChannel>)
        /// A contact point marked not to be used (a wrong number, someone else's number) is not
        /// used again on `channels`.
        case unusableContactPoint(channels: Set<ContactChannel>)
        /// The customer chose hours: `channels` are used only within them.
        case preferredHours(channels: Set<ContactChannel>)
        /// No contact on `channels` inside `window` (local time), unless the customer agreed the time.
        case quietHours(ClockWindow, channels: Set<ContactChannel>, unlessAgreed: Bool)
        case attemptCap(AttemptCap)
        /// No contact on `channels` for `days` local days counting the day of the last
        /// conversation with the customer as day 1.
        case conversationCooloff(days: Int, channels: Set<ContactChannel>)
        /// Third parties only when the customer cannot be reached (the mobile is invalid, or the
        /// last `consecutiveFailures` attempts failed); emergency contacts only while the customer
        /// carries one of `emergencyWhen`; the collector keeps to `conditions`.
        case thirdParty(consecutiveFailures: Int, emergencyWhen: Set<CustomerFlag.Kind>, conditions: [String])
        /// A visit needs `minimumVisitors` collectors, identification shown, and a time agreed with
        /// the customer who was notified `noticeHours` before.
        case visitConduct(minimumVisitors: Int, identification: Bool, noticeHours: Int)
        /// No escalation on `channels` before forbearance was offered.
        case forbearanceFirst(channels: Set<ContactChannel>)
        /// Collection records and recordings are kept at least `days`: the pack's minimum keep
        /// time (`minimumRetention`), below which no bank's retention period may go.
        case retention(days: Int)
        /// Collection letters carry each item.
        case letterContent([LetterItem])
        /// Every SMS and e-mail carries an opt-out; Arrears appends the text in the customer's language.
        case messageOptOut([Language: String])
    }

    /// Caps the contacts on `channels` within `windowDays` local days (1: the customer's day).
    public struct AttemptCap: Sendable, Equatable {
        public enum Scope: String, Sendable { case contactPoint = "contact_point", customer }
        public enum Counting: String, Sendable { case attempts, conversations }

        public let scope: Scope
        public let counting: Counting
        public let channels: Set<ContactChannel>
        public let maximum: Int
        public let windowDays: Int

        public init(scope: Scope, counting: Counting, channels: Set<ContactChannel>, maximum: Int, windowDays: Int) {
            self.scope = scope
            self.counting = counting
            self.channels = channels
            self.maximum = maximum
            self.windowDays = windowDays
        }
    }

    /// Something a collection letter must say: a placeholder it must use, or a phrase (by
    /// language) it must contain.
    public struct LetterItem: Sendable, Equatable {
        public let item: String
        public let placeholder: String?
        public let phrases: [Language: String]

        public init(item: String, placeholder: String?, phrases: [Language: String]) {
            self.item = item
            self.placeholder = placeholder
            self.phrases = phrases
        }
    }
}
