/// How a policy pack records a customer's refusal of contact or request that it stop
/// (`PolicyPack.contactRequest`).
public enum ContactRequestReading: String, Sendable, Equatable {
    /// A `cease` flag: no more collection contact on any channel (12 CFR 1006.6(c)).
    case cease
    /// An `accepted_channels` flag: contact only on the channels the customer accepts (the CBA
    /// guideline of 2026; PIPL art. 44).
    case acceptedChannels = "accepted_channels"
}
