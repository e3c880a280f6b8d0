import ArrearsCore
import Foundation
import SQLKit

/// What checking a contact (`ContactCheck`) and starting one (`ContactStart`) read and write:
/// `SQLContactCheckRecords` keeps it in the database; a test may keep it in memory and check the
/// rules (no such customer is blocked, an override needs an overridable rule and a reason, and
/// is kept and audited) without one.
public protocol ContactCheckRecords: Sendable {
    /// Everything the pack needs about the customer for a contact at `instant`; nil when there is no such customer.
    func standing(of customerId: String, at instant: Date, lookbackDays: Int) async throws -> CustomerStanding?
    /// The standing of each customer of `customerIds` at `instant` (absent: no such customer).
    func standings(of customerIds: [String], at instant: Date, lookbackDays: Int) async throws -> [String: CustomerStanding]
    /// Keeps `override` in `contact_overrides` and audits it `contact_override`, at `now`.
    func recordOverride(_ override: ContactOverride, at now: Date) async throws
}

/// A contact the pack forbids, let go ahead with a reason: who, when, which rule, why.
public struct ContactOverride: Sendable, Equatable {
    /// How long after an override the contact it allows may be recorded as covered by it
    /// (`ContactRecords.recordAttempt`).
    public static let coverage: TimeInterval = 3_600

    public let id: String
    public let customerId: String
    public let channel: ContactChannel
    /// The contact point named, or the channel's default; nil when neither.
    public let contactPoint: String?
    public let rule: String
    public let reason: String
    public let actor: String
    /// When the contact is made.
    public let occurredAt: Date
    /// The reason the pack gave for blocking it.
    public let blockedBecause: String

    public init(id: String, customerId: String, channel: ContactChannel, contactPoint: String?, rule: String, reason: String, actor: String,
                occurredAt: Date, blockedBecause: String) {
        self.id = id
        self.customerId = customerId
        self.channel = channel
        self.contactPoint = contactPoint
        self.rule = rule
        self.reason = reason
        self.actor = actor
        self.occurredAt = occurredAt
        self.blockedBecause = blockedBecause
    }
}

/// Customers' standings (`ContactRecords`) and overrides in the database, in the caller's transaction.
public struct SQLContactCheckRecords: ContactCheckRecords {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    public func standing(of customerId: String, at instant: Date, lookbackDays: Int) async throws -> CustomerStanding? {
        try await ContactRecords.standing(of: customerId, at: instant, lookbackDays: lookbackDays, on: database)
    }

    public func standings(of customerIds: [String], at instant: Date, lookbackDays: Int) async throws -> [String: CustomerStanding] {
        try await ContactRecords.standings(of: customerIds, at: instant, lookbackDays: lookbackDays, on: database)
    }

    public func recordOverride(_ override: ContactOverride, at now: Date) async throws {
        try await database.raw("""
            INSERT INTO contact_overrides (id, customer_id, channel, contact_point, rule, reason, actor, occurred_at, recorded_at)
            VALUES (\(bind: override.id), \(bind: override.customerId), \(bind: override.channel.rawValue), \(bind: override.contactPoint),
                    \(bind: override.rule), \(bind: override.reason), \(bind: override.actor), \(bind: ContactRecords.timestamp(override.occurredAt)),
                    \(bind: ContactRecords.timestamp(now)))
            """).run()
        var details = ["override_id": override.id, "channel": override.channel.rawValue, "rule": override.rule, "reason": override.reason,
                       "occurred_at": ContactRecords.timestamp(override.occurredAt), "blocked_because": override.blockedBecause]
        details["contact_point"] = override.contactPoint
        try await AuditLog.append([AuditEvent(actor: override.actor, action: "contact_override", subject: override.customerId, details: details)],
                                  at: now, on: database)
    }
}
