import ArrearsStore
import Foundation
import ArrearsTestSupport
import XCTest

final class OutboxRepositoryTests: XCTestCase {
    let t0 = FakeClock().now

    func testEnqueueIsIdempotentAndLeavesAnExistingMessageAlone() async throws {
        try await TestDatabases.each { store, name in
            try await store.transaction { try await OutboxRepository.enqueue([.sample("A"), .sample("B", email: true)], on: $0, sealingPersonalDataWith: store) }
            try await store.transaction { try await OutboxRepository.enqueue([.sample("A", body: "changed"), .sample("C")], on: $0, sealingPersonalDataWith: store) }
            let rows = try await store.count("outbox_messages")
            XCTAssertEqual(rows, 3, name)
            let a = try await store.outboxRecord("A")
            XCTAssertEqual(a.message, .sample("A"), "\(name): the first version stays")
            XCTAssertEqual(a.status, .pending)
            XCTAssertEqual(a.attempts, 0)
            XCTAssertNil(a.nextAttemptAt, "due at once")
            let email = try await store.outboxRecord("B").message
            XCTAssertEqual(email, .sample("B", email: true), "\(name): subject and e-mail fields round-trip")
        }
    }

    func testEnqueueWritesLargeBatches() async throws {
        try await TestDatabases.each { store, name in
            try await store.transaction { try await OutboxRepository.enqueue(OutboxMessage.samples(1_234), on: $0, sealingPersonalDataWith: store) }
            let pending = try await store.outboxCounts()[.pending]
            XCTAssertEqual(pending, 1_234, name)
        }
    }

    func testEnqueueInsideARolledBackTransactionLeavesNothing() async throws {
        struct Abort: Error {}
        try await TestDatabases.each { store, name in
            do {
                try await store.transaction { database in
                    try await OutboxRepository.enqueue([.sample("A")], on: database, sealingPersonalDataWith: store)
                    throw Abort()
                }
            } catch is Abort {}
            let rows = try await store.count("outbox_messages")
            XCTAssertEqual(rows, 0, name)
        }
    }

    func testAClaimedMessageIsHeldUntilItsClaimExpiresAndCountsAsAnAttempt() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("A")], on: store.sql, sealingPersonalDataWith: store)
            let first = try await OutboxRepository.claim(limit: 10, now: self.t0, timeout: 300, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(first, [OutboxClaim(message: .sample("A"), attempt: 1, expiresAt: self.t0 + 300)], name)
            let record = try await store.outboxRecord("A")
            XCTAssertEqual(record.status, .sending)
            XCTAssertEqual(record.nextAttemptAt, self.t0 + 300)
            let during = try await OutboxRepository.claim(limit: 10, now: self.t0 + 299, timeout: 300, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(during, [], "\(name): nobody else gets a claimed message")
            let after = try await OutboxRepository.claim(limit: 10, now: self.t0 + 300, timeout: 300, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(after.map(\.attempt), [2], "\(name): an expired claim is taken over as the next attempt")
        }
    }

    func testTheOutcomeOfAnExpiredClaimIsNotRecordedOverItsSuccessor() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("A")], on: store.sql, sealingPersonalDataWith: store)
            let stale = try await OutboxRepository.claim(limit: 1, now: self.t0, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)[0]
            let current = try await OutboxRepository.claim(limit: 1, now: self.t0 + 60, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)[0]
            let late = try await OutboxRepository.record([(stale, .failed(error: "late"))], on: store.sql)
            XCTAssertEqual(late, 0, name)
            let status = try await store.outboxRecord("A").status
            XCTAssertEqual(status, .sending)
            let recorded = try await OutboxRepository.record([(current, .sent(at: self.t0 + 61))], on: store.sql)
            XCTAssertEqual(recorded, 1, name)
            let record = try await store.outboxRecord("A")
            XCTAssertEqual(record.status, .sent)
            XCTAssertEqual(record.sentAt, self.t0 + 61)
            XCTAssertNil(record.nextAttemptAt)
            XCTAssertEqual(record.attempts, 2)
        }
    }

    func testAnExpiredClaimOnTheLastAttemptFailsTheMessageInsteadOfSendingAgain() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("A")], on: store.sql, sealingPersonalDataWith: store)
            _ = try await OutboxRepository.claim(limit: 1, now: self.t0, timeout: 60, maxAttempts: 1, on: store.sql, openingPersonalDataWith: store)
            let again = try await OutboxRepository.claim(limit: 1, now: self.t0 + 60, timeout: 60, maxAttempts: 1, on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(again, [], name)
            let record = try await store.outboxRecord("A")
            XCTAssertEqual(record.status, .failed)
            XCTAssertEqual(record.lastError, "gave up after 1 attempts: the last claim expired before its outcome was recorded")
        }
    }

    func testConcurrentClaimsNeverShareAMessage() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue(OutboxMessage.samples(300), on: store.sql, sealingPersonalDataWith: store)
            let now = self.t0
            let claimed = try await withThrowingTaskGroup(of: [String].self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        var ids: [String] = []
                        while true {
                            let batch = try await OutboxRepository.claim(limit: 7, now: now, timeout: 300, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)
                            if batch.isEmpty { return ids }
                            ids += batch.map(\.message.id)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0 += $1 }
            }
            XCTAssertEqual(claimed.count, 300, name)
            XCTAssertEqual(Set(claimed).count, 300, "\(name): each message claimed once")
        }
    }

    func testRetryAndBackoffAreRecorded() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("A")], on: store.sql, sealingPersonalDataWith: store)
            let claim = try await OutboxRepository.claim(limit: 1, now: self.t0, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)[0]
            try await OutboxRepository.record([(claim, .retry(error: "HTTP 503", at: self.t0 + 120))], on: store.sql)
            let record = try await store.outboxRecord("A")
            XCTAssertEqual(record.status, .pending, name)
            XCTAssertEqual(record.lastError, "HTTP 503")
            XCTAssertEqual(record.nextAttemptAt, self.t0 + 120)
            let early = try await OutboxRepository.claim(limit: 1, now: self.t0 + 119, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(early, [])
            let due = try await OutboxRepository.claim(limit: 1, now: self.t0 + 120, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store).count
            XCTAssertEqual(due, 1)
        }
    }

    func testReceiverReports() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("A"), .sample("B"), .sample("C")], on: store.sql, sealingPersonalDataWith: store)
            let report = { (report: OutboxReceiverReport, id: String, at: Date) in
                try await OutboxRepository.recordReceiverReport(report, id: id, at: at, on: store.sql)
            }
            let first = try await report(.delivered, "A", self.t0)
            XCTAssertEqual(first, .recorded(.delivered), name)
            let repeated = try await report(.delivered, "A", self.t0 + 5)
            XCTAssertEqual(repeated, .recorded(.delivered), "\(name): a repeat is harmless")
            let a = try await store.outboxRecord("A")
            XCTAssertEqual(a.status, .delivered)
            XCTAssertEqual(a.deliveredAt, self.t0, "the first report's time stays")
            XCTAssertEqual(a.sentAt, self.t0, "a message the receiver has was sent, whatever the outbox knew")
            let afterDelivery = try await report(.failed(detail: "handset off"), "A", self.t0)
            XCTAssertEqual(afterDelivery, .alreadyDelivered)
            let stillDelivered = try await store.outboxRecord("A").status
            XCTAssertEqual(stillDelivered, .delivered)

            let failedB = try await report(.failed(detail: "number not in service"), "B", self.t0)
            XCTAssertEqual(failedB, .recorded(.failed))
            let errorB = try await store.outboxRecord("B").lastError
            XCTAssertEqual(errorB, "reported failed by the receiver: number not in service")
            let failedC = try await report(.failed(detail: nil), "C", self.t0)
            XCTAssertEqual(failedC, .recorded(.failed))
            let errorC = try await store.outboxRecord("C").lastError
            XCTAssertEqual(errorC, "reported failed by the receiver")
            let unknownDelivered = try await report(.delivered, "nobody", self.t0)
            XCTAssertEqual(unknownDelivered, .unknownMessage)
            let unknownFailed = try await report(.failed(detail: nil), "nobody", self.t0)
            XCTAssertEqual(unknownFailed, .unknownMessage)
        }
    }

    func testAReceiverReportWinsOverAClaimInFlight() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("A")], on: store.sql, sealingPersonalDataWith: store)
            let claim = try await OutboxRepository.claim(limit: 1, now: self.t0, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)[0]
            _ = try await OutboxRepository.recordReceiverReport(.delivered, id: "A", at: self.t0 + 1, on: store.sql)
            let recorded = try await OutboxRepository.record([(claim, .sent(at: self.t0 + 2))], on: store.sql)
            XCTAssertEqual(recorded, 0, name)
            let status = try await store.outboxRecord("A").status
            XCTAssertEqual(status, .delivered)
        }
    }

    func testRetryFailedMakesFailedMessagesPendingWithFreshAttempts() async throws {
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("A"), .sample("B")], on: store.sql, sealingPersonalDataWith: store)
            let claims = try await OutboxRepository.claim(limit: 2, now: self.t0, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)
            let a = claims.first { $0.message.id == "A" }!, b = claims.first { $0.message.id == "B" }!
            try await OutboxRepository.record([(a, .failed(error: "HTTP 400")), (b, .sent(at: self.t0))], on: store.sql)
            let counts = try await store.outboxCounts()
            XCTAssertEqual(counts, [.pending: 0, .sending: 0, .sent: 1, .delivered: 0, .failed: 1], name)
            let retried = try await OutboxRepository.retryFailed(on: store.sql)
            XCTAssertEqual(retried, 1)
            let record = try await store.outboxRecord("A")
            XCTAssertEqual(record.status, .pending)
            XCTAssertEqual(record.attempts, 0)
            XCTAssertNil(record.nextAttemptAt)
            XCTAssertEqual(record.lastError, "HTTP 400", "the error stays for the record")
            let statusB = try await store.outboxRecord("B").status
            XCTAssertEqual(statusB, .sent)
        }
    }
}
