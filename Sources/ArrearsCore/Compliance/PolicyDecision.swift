import Foundation

/// The answer to "may I contact this customer now, this way?": allowed, or blocked by a named
/// rule with the reason and the next moment the contact would be allowed, when there is one.
public struct PolicyDecision: Sendable, Equatable {
    public let allowed: Bool
    /// The id of the rule that blocked the contact.
    public let rule: String?
    public let reason: String?
    public let nextAllowedAt: Date?
    /// What the collector must keep to when the contact is allowed (for example: never disclose
    /// the debt to a third party).
    public let conditions: [String]

    public static func allow(conditions: [String] = []) -> PolicyDecision {
        PolicyDecision(allowed: true, rule: nil, reason: nil, nextAllowedAt: nil, conditions: conditions)
    }

    public static func block(_ rule: String, _ reason: String, nextAllowedAt: Date? = nil) -> PolicyDecision {
        PolicyDecision(allowed: false, rule: rule, reason: reason, nextAllowedAt: nextAllowedAt, conditions: [])
    }

    public init(allowed: Bool, rule: String?, reason: String?, nextAllowedAt: Date?, conditions: [String]) {
        self.allowed = allowed
        self.rule = rule
        self.reason = reason
        self.nextAllowedAt = nextAllowedAt
        self.conditions = conditions
    }
}
