import ArrearsCore
import ArrearsStore
import Foundation

/// The delivery loop: claims the messages that are due, hands them to the adapter, and records
/// each outcome as the `RetryPolicy` decides.
///
/// It promises that a message is never lost (a failed attempt stays pending with its error and
/// the time of its next attempt; after the last allowed attempt it is kept as `failed`) and that
/// no two processes attempt the same message at once (see `OutboxRepository.claim`). Any number
/// of deliveries may run side by side, in one process or many, on SQLite or PostgreSQL.
///
/// Recipients are stored sealed when the store has a data key (issue 4); the adapter is handed
/// the real number or address, opened with the store's key.
public struct OutboxDelivery: Sendable {
    /// Where the messages are: the store's table (`SQLOutboxQueue`), or memory in a test.
    public let queue: any OutboxQueue
    public let adapter: any OutboxAdapter
    public let policy: RetryPolicy
    /// Seconds a claim lasts: longer than the adapter can take for one batch.
    public let claimTimeout: Int
    /// Messages claimed and handed to the adapter at a time.
    public let batchSize: Int
    /// The clock; tests pass a fake one.
    public let now: @Sendable () -> Date
    /// The policy pack every message is checked against at the moment it would be sent: a
    /// customer who disputed the debt since the daily run, or a delivery run in the customer's
    /// night, is not messaged.
    public var contactPolicy: PolicySettings?

    /// Delivers the messages of the store's outbox.
    public init(
        store: Store, adapter: any OutboxAdapter, policy: RetryPolicy = .standard, claimTimeout: Int = 300,
        batchSize: Int = 100, now: @escaping @Sendable () -> Date = Date.init
    ) {
        self.init(queue: SQLOutboxQueue(store: store), adapter: adapter, policy: policy, claimTimeout: claimTimeout, batchSize: batchSize, now: now)
    }

    public init(
        queue: any OutboxQueue, adapter: any OutboxAdapter, policy: RetryPolicy = .standard, claimTimeout: Int = 300,
        batchSize: Int = 100, now: @escaping @Sendable () -> Date = Date.init
    ) {
        precondition(claimTimeout > 0 && batchSize > 0, "claimTimeout and batchSize must be positive")
        self.queue = queue
        self.adapter = adapter
        self.policy = policy
        self.claimTimeout = claimTimeout
        self.batchSize = batchSize
        self.now = now
    }

    /// Attempts every message due now, batch after batch, until none is due or `limit` attempts
    /// were made. A message that fails is not attempted again in the same call unless its
    /// backoff has already passed.
    ///
    /// When every message of a batch fails for the time being, the receiver looks down: the call
    /// stops there, and the messages not yet attempted wait for the next call without using up
    /// an attempt (otherwise each would wait out its own timeout against a dead receiver).
    public func deliverDue(limit: Int? = nil) async throws -> OutboxDeliveryReport {
        var report = OutboxDeliveryReport()
        while limit.map({ report.attempted < $0 }) ?? true {
            let size = min(batchSize, limit.map { $0 - report.attempted } ?? batchSize)
            var claims = try await queue.claim(limit: size, now: now(), timeout: claimTimeout, maxAttempts: policy.maxAttempts)
            guard !claims.isEmpty else { break }
            if let contactPolicy {
                let at = now()
                var stopped: [(claim: OutboxClaim, decision: PolicyDecision)] = []
                var allowed: [OutboxClaim] = []
                for claim in claims {
                    let decision = try await queue.decision(for: claim.message, at: at, settings: contactPolicy)
                    if decision.allowed { allowed.append(claim) } else { stopped.append((claim, decision)) }
                }
                let counts = try await queue.hold(stopped)
                report.held += counts.held
                report.blocked += counts.blocked
                claims = allowed
                if claims.isEmpty { continue }
            }
            var outcomes = await adapter.deliver(claims.map(\.message))
            if outcomes.count != claims.count {
                // An adapter's defect must not stop the server or lose a message: every attempt
                // of the batch counts as a temporary failure and is retried.
                outcomes = claims.map { _ in .retryable("the adapter answered \(outcomes.count) outcomes for \(claims.count) messages") }
            }
            let finished = now()
            let results = zip(claims, outcomes).map { claim, outcome in
                (claim: claim, resolution: policy.resolve(outcome, attempt: claim.attempt, now: finished))
            }
            let recorded = try await queue.record(results)
            report.add(results.map(\.resolution), recorded: recorded)
            if outcomes.allSatisfy(\.isTemporaryFailure) {
                report.stoppedAfterFailedBatch = true
                break
            }
        }
        return report
    }
}
