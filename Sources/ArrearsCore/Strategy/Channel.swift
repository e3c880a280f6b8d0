/// How a treatment reaches the customer (seed 001: electronic messages, phone, field visits,
/// letters and the legal route).
public enum Channel: String, CaseIterable, Sendable, Codable {
    case sms
    case email
    case call
    case visit
    case letter
    case legalReview = "legal_review"
}

extension Channel {
    /// SMS and e-mail are messages delivered through the outbox; the other channels become tasks
    /// for people (collectors, field teams, the back office that posts letters, legal officers).
    public var isMessage: Bool { self == .sms || self == .email }

    /// Whether a treatment on this channel must name a message template: SMS, e-mail and letters
    /// put words in front of the customer, so the words are part of the strategy.
    public var needsTemplate: Bool { isMessage || self == .letter }
}
