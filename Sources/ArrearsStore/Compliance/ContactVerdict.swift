import ArrearsCore
import Foundation

/// The verdict as `check-contact` prints it and the API returns it:
/// `{"allowed": false, "rule": "cn.quiet-hours", "reason": "...", "next_allowed_at": "...", "conditions": []}`,
/// every key present (null when it does not apply).
public struct ContactVerdict: Codable, Sendable, Equatable {
    public let allowed: Bool
    public let rule: String?
    public let reason: String?
    public let nextAllowedAt: String?
    public let conditions: [String]

    public init(_ decision: PolicyDecision) {
        allowed = decision.allowed
        rule = decision.rule
        reason = decision.reason
        nextAllowedAt = decision.nextAllowedAt.map(ContactRecords.timestamp)
        conditions = decision.conditions
    }

    enum CodingKeys: String, CodingKey {
        case allowed, rule, reason, nextAllowedAt = "next_allowed_at", conditions
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(allowed, forKey: .allowed)
        try container.encode(rule, forKey: .rule)
        try container.encode(reason, forKey: .reason)
        try container.encode(nextAllowedAt, forKey: .nextAllowedAt)
        try container.encode(conditions, forKey: .conditions)
    }

    /// One line of JSON with sorted keys.
    public var jsonText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try! encoder.encode(self), as: UTF8.self)
    }
}
