import ArrearsCore
import Foundation

/// What the delivery loop (`OutboxDelivery`) reads and writes: it claims the messages that are
/// due, asks the policy pack about each at the moment of sending, puts back those the pack stops
/// and records what each attempt came to. `SQLOutboxQueue` keeps the messages in the database;
/// a test may keep them in memory and check the loop's rules (retries, holds, a dead receiver)
/// without one.
public protocol OutboxQueue: Sendable {
    /// Claims up to `limit` messages due at `now` for `timeout` seconds, each claim counting as
    /// an attempt; a message whose expired claim was its last allowed attempt is failed instead
    /// (see `OutboxRepository.claim`).
    func claim(limit: Int, now: Date, timeout: Int, maxAttempts: Int) async throws -> [OutboxClaim]
    /// The pack's answer, at `moment`, to sending `message` to its customer.
    func decision(for message: OutboxMessage, at moment: Date, settings: PolicySettings) async throws -> PolicyDecision
    /// Puts back claimed messages the pack stops, without counting the attempt: pending from the
    /// next allowed moment, or failed with the rule when none is foreseeable. All or none.
    func hold(_ stopped: [(claim: OutboxClaim, decision: PolicyDecision)]) async throws -> (held: Int, blocked: Int)
    /// Records what each attempt came to, all or none; a claim that expired meanwhile is not
    /// recorded. Returns how many were.
    func record(_ results: [(claim: OutboxClaim, resolution: OutboxResolution)]) async throws -> Int
}

/// The outbox in the store's `outbox_messages` table, on SQLite or PostgreSQL.
public struct SQLOutboxQueue: OutboxQueue {
    public let store: Store

    public init(store: Store) {
        self.store = store
    }

    public func claim(limit: Int, now: Date, timeout: Int, maxAttempts: Int) async throws -> [OutboxClaim] {
        try await OutboxRepository.claim(limit: limit, now: now, timeout: timeout, maxAttempts: maxAttempts, on: store.sql, openingPersonalDataWith: store)
    }

    public func decision(for message: OutboxMessage, at moment: Date, settings: PolicySettings) async throws -> PolicyDecision {
        let channel = ContactChannel(rawValue: message.channel) ?? .sms
        let standing = try await ContactRecords.standing(of: message.customerId, at: moment, lookbackDays: settings.pack.lookbackDays, on: store.sql)
        return settings.pack.check(ContactRequest(channel: channel, at: moment), customerId: message.customerId, standing: standing)
    }

    public func hold(_ stopped: [(claim: OutboxClaim, decision: PolicyDecision)]) async throws -> (held: Int, blocked: Int) {
        try await store.transaction { database in try await OutboxRepository.hold(stopped, on: database) }
    }

    public func record(_ results: [(claim: OutboxClaim, resolution: OutboxResolution)]) async throws -> Int {
        try await store.transaction { database in try await OutboxRepository.record(results, on: database) }
    }
}
