import ArrearsStore
import ArrearsWorkflows
import Foundation
import ArrearsTestSupport
import XCTest

/// The delivery loop against a real HTTP receiver on 127.0.0.1, on both databases.
final class OutboxDeliveryTests: XCTestCase {
    /// The receiver fails every third request (at most twice per message), answers 429 and 408
    /// once, refuses one message for good, already has one, and accepts one too late for the
    /// client to see the answer.
    static func flaky(_ arrival: WebhookTestReceiver.Arrival) -> WebhookTestReceiver.Answer {
        switch (arrival.key, arrival.previous) {
        case ("M0003", _): .accept
        case ("M0005", _): .status(400)
        case ("M0007", 0): .acceptTooLate(seconds: 1.5)
        case ("M0007", _): .accept
        case ("M0011", 0): .status(429)
        case ("M0013", 0): .status(408)
        default: arrival.number % 3 == 0 && arrival.previous < 2 ? .status(503) : .accept
        }
    }

    func testAFlakyReceiverGetsEveryMessageExactlyOnce() async throws {
        try await TestDatabases.each { store, name in
            try await WebhookTestReceiver.with(
                preaccepted: ["M0003"], timeout: 1, concurrency: 4,
                headers: ["Authorization": "Bearer test-token", "Idempotency-Key": "configured by mistake"], script: Self.flaky
            ) { receiver, adapter in
                let clock = FakeClock()
                let delivery = OutboxDelivery(
                    store: store, adapter: adapter, policy: RetryPolicy(maxAttempts: 5, initialDelay: 60, multiplier: 2, maxDelay: 600),
                    batchSize: 6, now: clock.reading
                )
                let messages = OutboxMessage.samples(20)
                try await OutboxRepository.enqueue(messages, on: store.sql, sealingPersonalDataWith: store)
                var rounds = 0
                while try await store.outboxCounts()[.pending]! > 0 && rounds < 20 {
                    _ = try await delivery.deliverDue()
                    clock.advance(seconds: 600)
                    rounds += 1
                }

                let counts = try await store.outboxCounts()
                XCTAssertEqual(counts, [.pending: 0, .sending: 0, .sent: 19, .delivered: 0, .failed: 1], name)
                let ids = messages.map(\.id).filter { $0 != "M0005" }
                XCTAssertEqual(receiver.accepted.sorted(), ids, "\(name): every message but the refused one arrived once")
                let log = receiver.log
                for id in ids {
                    let answers = log.filter { $0.key == id }.map(\.status)
                    let seen = answers.firstIndex { $0 == 200 || $0 == 409 }
                    XCTAssertEqual(seen, answers.count - 1, "\(name): \(id) is not sent again once the receiver confirmed it: \(answers)")
                }
                XCTAssertEqual(log.filter { $0.key == "M0003" }.map(\.status), [409], "\(name): already received counts as sent")
                XCTAssertEqual(log.filter { $0.key == "M0007" }.map(\.status), [nil, 409], "\(name): a timed-out attempt is repeated with its key")
                XCTAssertEqual(log.filter { $0.key == "M0011" }.first?.status, 429)
                XCTAssertTrue(log.contains { $0.status == 503 }, "\(name): the receiver did fail now and then")
                for entry in log {
                    XCTAssertEqual(entry.bodyId, entry.key, "the body's id is the idempotency key")
                    XCTAssertEqual(entry.contentType, "application/json; charset=utf-8")
                    XCTAssertEqual(entry.authorization, "Bearer test-token")
                }
                let refused = try await store.outboxRecord("M0005")
                XCTAssertEqual(refused.status, .failed, "\(name): a 400 is final")
                XCTAssertEqual(refused.attempts, 1)
                XCTAssertEqual(refused.lastError, "HTTP 400: answer 400")
                let late = try await store.outboxRecord("M0007")
                XCTAssertEqual(late.attempts, 2)
                XCTAssertTrue(late.lastError?.hasPrefix("POST \(receiver.url.absoluteString): ") == true, late.lastError ?? "")
            }
        }
    }

    func testBackoffFollowsThePolicyAndTheLastFailureIsKept() async throws {
        try await TestDatabases.each { store, name in
            try await WebhookTestReceiver.with(script: { _ in .status(503) }) { receiver, adapter in
                let clock = FakeClock()
                let t0 = clock.now
                let delivery = OutboxDelivery(
                    store: store, adapter: adapter, policy: RetryPolicy(maxAttempts: 4, initialDelay: 10, multiplier: 3, maxDelay: 60),
                    now: clock.reading
                )
                try await OutboxRepository.enqueue([.sample("A")], on: store.sql, sealingPersonalDataWith: store)
                var schedule: [Date?] = []
                for (offset, expectAttempt) in [(0, true), (9, false), (10, true), (39, false), (40, true), (100, true)] {
                    clock.advance(seconds: offset - Int(clock.now.timeIntervalSince(t0)))
                    let report = try await delivery.deliverDue()
                    XCTAssertEqual(report.attempted, expectAttempt ? 1 : 0, "\(name): at t0+\(offset)")
                    if expectAttempt { schedule.append(try await store.outboxRecord("A").nextAttemptAt) }
                }
                XCTAssertEqual(schedule, [t0 + 10, t0 + 40, t0 + 100, nil], "\(name): waits of 10, 30, then 60 (capped from 90) seconds")
                let record = try await store.outboxRecord("A")
                XCTAssertEqual(record.status, .failed)
                XCTAssertEqual(record.attempts, 4)
                XCTAssertEqual(record.lastError, "HTTP 503: answer 503 (gave up after 4 attempts)")
                XCTAssertEqual(receiver.log.count, 4)
            }
        }
    }

    func testAReceiverThatFailsAWholeBatchEndsTheRoundWithoutSpendingTheOthersAttempts() async throws {
        try await TestDatabases.each { store, name in
            try await WebhookTestReceiver.with(script: { _ in .status(503) }) { receiver, adapter in
                try await OutboxRepository.enqueue(OutboxMessage.samples(10), on: store.sql, sealingPersonalDataWith: store)
                let report = try await OutboxDelivery(store: store, adapter: adapter, batchSize: 3, now: FakeClock().reading).deliverDue()
                XCTAssertEqual(report.attempted, 3, name)
                XCTAssertTrue(report.stoppedAfterFailedBatch)
                XCTAssertEqual(receiver.log.count, 3)
                let untouched = try await store.outboxRecord("M0010")
                XCTAssertEqual(untouched.attempts, 0, "\(name): the rest waits for the next run")
            }
        }
    }
}
