import ArrearsCore
import ArrearsStore
import Foundation

/// Outbox messages kept in memory, with the same claim, hold and record rules as the table:
/// a claim counts an attempt and holds the message until it expires, a hold gives the attempt
/// back, and an outcome is recorded only while its claim still holds.
final class InMemoryOutbox: OutboxQueue, @unchecked Sendable {
    struct Row: Equatable {
        var message: OutboxMessage
        var status: OutboxStatus = .pending
        var attempts = 0
        var nextAttemptAt: Date?
        var lastError: String?
    }

    private let lock = NSLock()
    private var rows: [String: Row] = [:]
    private var order: [String] = []
    /// The pack's answer for a message at a moment; allowed unless a test says otherwise.
    private let decide: @Sendable (OutboxMessage, Date) -> PolicyDecision

    init(_ messages: [OutboxMessage], decide: @escaping @Sendable (OutboxMessage, Date) -> PolicyDecision = { _, _ in .allow() }) {
        for message in messages {
            rows[message.id] = Row(message: message, nextAttemptAt: message.notBefore)
            order.append(message.id)
        }
        self.decide = decide
    }

    subscript(id: String) -> Row? { lock.withLock { rows[id] } }

    var counts: [OutboxStatus: Int] {
        lock.withLock { Dictionary(grouping: rows.values, by: \.status).mapValues(\.count) }
    }

    func claim(limit: Int, now: Date, timeout: Int, maxAttempts: Int) async throws -> [OutboxClaim] {
        lock.withLock {
            let expiry = now.addingTimeInterval(TimeInterval(timeout))
            for id in order where rows[id]!.status == .sending && rows[id]!.nextAttemptAt! <= now && rows[id]!.attempts >= maxAttempts {
                rows[id]!.status = .failed
                rows[id]!.nextAttemptAt = nil
            }
            var claims: [OutboxClaim] = []
            for id in order where claims.count < limit {
                let row = rows[id]!
                let due = row.status == .pending && (row.nextAttemptAt.map { $0 <= now } ?? true)
                let expired = row.status == .sending && row.nextAttemptAt! <= now && row.attempts < maxAttempts
                guard due || expired else { continue }
                rows[id]!.status = .sending
                rows[id]!.attempts += 1
                rows[id]!.nextAttemptAt = expiry
                claims.append(OutboxClaim(message: row.message, attempt: row.attempts + 1, expiresAt: expiry))
            }
            return claims
        }
    }

    func decision(for message: OutboxMessage, at moment: Date, settings: PolicySettings) async throws -> PolicyDecision {
        decide(message, moment)
    }

    func hold(_ stopped: [(claim: OutboxClaim, decision: PolicyDecision)]) async throws -> (held: Int, blocked: Int) {
        lock.withLock {
            var counts = (held: 0, blocked: 0)
            for (claim, decision) in stopped where holds(claim) {
                if let next = decision.nextAllowedAt {
                    rows[claim.message.id]!.status = .pending
                    rows[claim.message.id]!.attempts -= 1
                    rows[claim.message.id]!.nextAttemptAt = next
                    counts.held += 1
                } else {
                    rows[claim.message.id]!.status = .failed
                    rows[claim.message.id]!.nextAttemptAt = nil
                    rows[claim.message.id]!.lastError = "blocked by \(decision.rule ?? "")"
                    counts.blocked += 1
                }
            }
            return counts
        }
    }

    func record(_ results: [(claim: OutboxClaim, resolution: OutboxResolution)]) async throws -> Int {
        lock.withLock {
            var recorded = 0
            for (claim, resolution) in results where holds(claim) {
                let id = claim.message.id
                switch resolution {
                case .sent: rows[id]!.status = .sent; rows[id]!.nextAttemptAt = nil
                case .retry(let error, let at): rows[id]!.status = .pending; rows[id]!.nextAttemptAt = at; rows[id]!.lastError = error
                case .failed(let error): rows[id]!.status = .failed; rows[id]!.nextAttemptAt = nil; rows[id]!.lastError = error
                }
                recorded += 1
            }
            return recorded
        }
    }

    /// Whether `claim` still holds its message (the lock is held by the caller).
    private func holds(_ claim: OutboxClaim) -> Bool {
        guard let row = rows[claim.message.id] else { return false }
        return row.status == .sending && row.attempts == claim.attempt && row.nextAttemptAt == claim.expiresAt
    }
}
