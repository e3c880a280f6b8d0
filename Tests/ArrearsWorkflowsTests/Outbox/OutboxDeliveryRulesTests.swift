import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// The delivery loop's rules on an outbox kept in memory: when a message is tried again, when it
/// is given up, what a dead receiver and the policy pack do to a run, and that a faulty adapter
/// loses nothing. The same loop runs against the database in `OutboxDeliveryTests`.
final class OutboxDeliveryRulesTests: XCTestCase {
    /// Answers from a script per message id, attempt by attempt; `.sent` once the script runs out.
    final class ScriptedAdapter: OutboxAdapter, @unchecked Sendable {
        private let lock = NSLock()
        private var scripts: [String: [OutboxOutcome]]
        private(set) var handed: [String] = []
        let answerCount: ((Int) -> Int)?

        init(_ scripts: [String: [OutboxOutcome]] = [:], answerCount: ((Int) -> Int)? = nil) {
            self.scripts = scripts
            self.answerCount = answerCount
        }

        var handedOver: [String] { lock.withLock { handed } }

        func deliver(_ messages: [OutboxMessage]) async -> [OutboxOutcome] {
            lock.withLock {
                handed += messages.map(\.id)
                let outcomes = messages.map { message -> OutboxOutcome in
                    guard var script = scripts[message.id], !script.isEmpty else { return .sent }
                    let outcome = script.removeFirst()
                    scripts[message.id] = script
                    return outcome
                }
                return Array(outcomes.prefix(answerCount?(messages.count) ?? messages.count))
            }
        }

        func shutdown() async {}
    }

    let policy = RetryPolicy(maxAttempts: 3, initialDelay: 60, multiplier: 2, maxDelay: 600)

    func testAFailedMessageWaitsOutItsBackoffAndIsGivenUpAfterTheLastAttempt() async throws {
        let clock = FakeClock()
        let outbox = InMemoryOutbox(OutboxMessage.samples(3))
        let adapter = ScriptedAdapter(["M0001": [.retryable("503"), .retryable("503")], "M0002": Array(repeating: .retryable("timeout"), count: 3)])
        let delivery = OutboxDelivery(queue: outbox, adapter: adapter, policy: policy, now: clock.reading)

        var report = try await delivery.deliverDue()
        XCTAssertEqual([report.attempted, report.sent, report.retrying], [3, 1, 2])
        XCTAssertEqual(outbox["M0001"]?.nextAttemptAt, clock.now.addingTimeInterval(60), "first wait: the initial delay")

        clock.advance(seconds: 59)
        report = try await delivery.deliverDue()
        XCTAssertEqual(report.attempted, 0, "nothing is tried again before its backoff has passed")

        clock.advance(seconds: 1)
        report = try await delivery.deliverDue()
        XCTAssertEqual([report.attempted, report.retrying], [2, 2])
        XCTAssertEqual(outbox["M0002"]?.nextAttemptAt, clock.now.addingTimeInterval(120), "second wait doubles")

        clock.advance(seconds: 120)
        report = try await delivery.deliverDue()
        XCTAssertEqual([report.attempted, report.sent, report.failed], [2, 1, 1])
        XCTAssertEqual(outbox["M0001"]?.status, .sent)
        XCTAssertEqual(outbox["M0002"]?.status, .failed)
        XCTAssertEqual(outbox["M0002"]?.attempts, 3)
        XCTAssertEqual(outbox["M0002"]?.lastError, "timeout (gave up after 3 attempts)")
        XCTAssertEqual(adapter.handedOver.filter { $0 == "M0003" }.count, 1, "a sent message is not handed over again")
    }

    func testADeadReceiverStopsTheRunWithoutUsingUpTheOtherMessagesAttempts() async throws {
        let messages = OutboxMessage.samples(10)
        let outbox = InMemoryOutbox(messages)
        let down = Dictionary(uniqueKeysWithValues: messages.map { ($0.id, [OutboxOutcome.retryable("connection refused")]) })
        let report = try await OutboxDelivery(queue: outbox, adapter: ScriptedAdapter(down), policy: policy, batchSize: 4, now: FakeClock().reading).deliverDue()

        XCTAssertTrue(report.stoppedAfterFailedBatch)
        XCTAssertEqual(report.attempted, 4, "one batch, then the run stops")
        XCTAssertEqual(messages.filter { outbox[$0.id]?.attempts == 0 }.count, 6, "the rest keep their attempts for the next run")
        XCTAssertEqual(outbox.counts[.pending], 10, "nothing is lost or failed")
    }

    func testThePackHoldsAMessageUntilItsNextMomentOrBlocksItWithoutCountingAnAttempt() async throws {
        let clock = FakeClock()
        let morning = clock.now.addingTimeInterval(3_600)
        let outbox = InMemoryOutbox(OutboxMessage.samples(3)) { message, moment in
            switch message.id {
            case "M0001" where moment < morning: .block("cn.quiet-hours", "22:00-08:00 in the customer's time", nextAllowedAt: morning)
            case "M0002": .block("universal.dispute", "the customer disputes the debt")
            default: .allow()
            }
        }
        let adapter = ScriptedAdapter()
        var delivery = OutboxDelivery(queue: outbox, adapter: adapter, policy: policy, now: clock.reading)
        delivery.contactPolicy = try PolicyConfig.load(fromDirectory: ShippedPacksTests.config)

        var report = try await delivery.deliverDue()
        XCTAssertEqual([report.attempted, report.sent, report.held, report.blocked], [1, 1, 1, 1])
        XCTAssertEqual(adapter.handedOver, ["M0003"], "a stopped message never reaches the receiver")
        XCTAssertEqual(outbox["M0001"]?.attempts, 0, "a hold is not an attempt")
        XCTAssertEqual(outbox["M0001"]?.nextAttemptAt, morning)
        XCTAssertEqual(outbox["M0002"]?.status, .failed)
        XCTAssertEqual(outbox["M0002"]?.lastError, "blocked by universal.dispute")

        clock.advance(seconds: 3_600)
        report = try await delivery.deliverDue()
        XCTAssertEqual([report.attempted, report.sent], [1, 1])
        XCTAssertEqual(adapter.handedOver, ["M0003", "M0001"], "held until the pack allows it, then sent")
    }

    func testAnAdapterThatAnswersTheWrongNumberOfOutcomesLosesNothing() async throws {
        let clock = FakeClock()
        let outbox = InMemoryOutbox(OutboxMessage.samples(4))
        let faulty = OutboxDelivery(queue: outbox, adapter: ScriptedAdapter(answerCount: { $0 - 1 }), policy: policy, now: clock.reading)

        let report = try await faulty.deliverDue()
        XCTAssertEqual([report.attempted, report.sent, report.retrying], [4, 0, 4], "every attempt of the batch is retried")
        XCTAssertEqual(outbox["M0001"]?.lastError, "the adapter answered 3 outcomes for 4 messages")

        clock.advance(seconds: 60)
        let fixed = try await OutboxDelivery(queue: outbox, adapter: ScriptedAdapter(), policy: policy, now: clock.reading).deliverDue()
        XCTAssertEqual(fixed.sent, 4)
        XCTAssertEqual(outbox.counts[.sent], 4)
    }
}
