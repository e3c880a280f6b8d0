import Foundation

/// One rendered SMS or e-mail waiting in the outbox, as the daily run creates it and as every
/// adapter hands it on: the same JSON object is a line of the file adapter and the body of a
/// webhook request (`docs/outbox.md`).
///
/// `id` is the idempotency key: it is stable across attempts, so a receiver that has seen an id
/// drops the repeat.
public struct OutboxMessage: Sendable, Equatable, Codable {
    public let id: String
    public let actionId: String
    public let customerId: String
    /// `sms` or `email`.
    public let channel: String
    /// A phone number or an e-mail address.
    public let recipient: String
    /// `zh-CN` or `en`.
    public let language: String
    /// The e-mail subject; nil for SMS.
    public let subject: String?
    public let body: String
    /// The business date (`YYYY-MM-DD`) of the daily run that created the message.
    public let businessDate: String
    /// Not to be sent before this moment: the daily run's contact time in the customer's own
    /// time zone, which the policy pack checked it for. Kept in the table, not sent on the wire.
    public var notBefore: Date?

    public init(
        id: String, actionId: String, customerId: String, channel: String, recipient: String,
        language: String, subject: String?, body: String, businessDate: String
    ) {
        self.id = id
        self.actionId = actionId
        self.customerId = customerId
        self.channel = channel
        self.recipient = recipient
        self.language = language
        self.subject = subject
        self.body = body
        self.businessDate = businessDate
    }

    /// The wire names: snake_case, like the table's columns and every other Arrears format.
    enum CodingKeys: String, CodingKey {
        case id, channel, recipient, language, subject, body
        case actionId = "action_id"
        case customerId = "customer_id"
        case businessDate = "business_date"
    }

    /// Writes every key, `subject` as null when there is none, so that every message has one shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(actionId, forKey: .actionId)
        try container.encode(customerId, forKey: .customerId)
        try container.encode(channel, forKey: .channel)
        try container.encode(recipient, forKey: .recipient)
        try container.encode(language, forKey: .language)
        try container.encode(subject, forKey: .subject)
        try container.encode(body, forKey: .body)
        try container.encode(businessDate, forKey: .businessDate)
    }

    /// The message as the receiver gets it: one line of compact UTF-8 JSON with sorted keys and
    /// no line break (a line break in the body is written `\n`).
    public func json() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding strings can only fail for non-finite numbers, which a message has none of.
        return try! encoder.encode(self)
    }
}
