import ArrearsStore
import ArrearsWorkflows
import Foundation
import ArrearsTestSupport
import XCTest

final class FileOutboxAdapterTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = try TestDatabases.temporaryDirectory()
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
    }

    private func lines(_ path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testEachMessageIsOneLineOfJSONWithEveryKey() async throws {
        let path = directory.appendingPathComponent("out/messages.jsonl").path
        let sms = OutboxMessage.sample("M1", body: "第一行\n第二行 \"引号\" https://pay.example.bank/x")
        let outcomes = await FileOutboxAdapter(path: path).deliver([sms, .sample("M2", email: true)])
        XCTAssertEqual(outcomes, [.sent, .sent])
        let written = try lines(path)
        XCTAssertEqual(written.count, 3, "two lines, each ending in a line break")
        XCTAssertEqual(written[2], "")
        XCTAssertEqual(written[0], #"""
            {"action_id":"ACT-M1","body":"第一行\n第二行 \"引号\" https://pay.example.bank/x","business_date":"2026-11-23","channel":"sms","customer_id":"C-M1","id":"M1","language":"zh-CN","recipient":"+8613800138000","subject":null}
            """#)
        XCTAssertEqual(try JSONDecoder().decode(OutboxMessage.self, from: Data(written[1].utf8)), .sample("M2", email: true))
    }

    /// A path whose folder cannot exist, because a file of that name is in the way.
    private func unwritablePath() throws -> String {
        let blocker = directory.appendingPathComponent("not-a-folder")
        try Data().write(to: blocker)
        return blocker.appendingPathComponent("messages.jsonl").path
    }

    func testAFileThatCannotBeWrittenIsATemporaryFailure() async throws {
        let path = try unwritablePath()
        let outcomes = await FileOutboxAdapter(path: path).deliver([.sample("M1"), .sample("M2")])
        XCTAssertEqual(outcomes.count, 2)
        for outcome in outcomes {
            guard case .retryable(let error) = outcome else { return XCTFail("expected a temporary failure, got \(outcome)") }
            XCTAssertTrue(error.hasPrefix(path + ": cannot create the folder"), error)
        }
    }

    func testDeliveryWritesEveryMessageOnceAndMarksItSent() async throws {
        let path = directory.appendingPathComponent("messages.jsonl").path
        let clock = FakeClock()
        try await TestDatabases.each { store, name in
            try? FileManager.default.removeItem(atPath: path)
            try await OutboxRepository.enqueue(OutboxMessage.samples(250), on: store.sql, sealingPersonalDataWith: store)
            let delivery = OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: path), batchSize: 100, now: clock.reading)
            var report = try await delivery.deliverDue()
            XCTAssertEqual([report.attempted, report.sent, report.retrying, report.failed], [250, 250, 0, 0], name)
            report = try await delivery.deliverDue()
            XCTAssertEqual(report.attempted, 0, "\(name): nothing is sent twice")
            let ids = try self.lines(path).dropLast().map { try JSONDecoder().decode(OutboxMessage.self, from: Data($0.utf8)).id }
            XCTAssertEqual(ids.sorted(), OutboxMessage.samples(250).map(\.id), name)
            let sent = try await store.outboxCounts()[.sent]
            XCTAssertEqual(sent, 250)
            let sentAt = try await store.outboxRecord("M0001").sentAt
            XCTAssertEqual(sentAt, clock.now)
        }
    }

    func testLimitStopsAfterThatManyAttempts() async throws {
        let path = directory.appendingPathComponent("messages.jsonl").path
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue(OutboxMessage.samples(30), on: store.sql, sealingPersonalDataWith: store)
            let delivery = OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: path), batchSize: 8, now: FakeClock().reading)
            let attempted = try await delivery.deliverDue(limit: 20).attempted
            XCTAssertEqual(attempted, 20, name)
            let pending = try await store.outboxCounts()[.pending]
            XCTAssertEqual(pending, 10)
        }
    }

    func testAnUnwritableFileKeepsMessagesPendingWithBackoff() async throws {
        let path = try unwritablePath()
        let clock = FakeClock()
        try await TestDatabases.each { store, name in
            try await OutboxRepository.enqueue([.sample("M1")], on: store.sql, sealingPersonalDataWith: store)
            let broken = OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: path), now: clock.reading)
            let retrying = try await broken.deliverDue().retrying
            XCTAssertEqual(retrying, 1, name)
            let record = try await store.outboxRecord("M1")
            XCTAssertEqual(record.status, .pending)
            XCTAssertEqual(record.attempts, 1)
            XCTAssertEqual(record.nextAttemptAt, clock.now + 60)
            XCTAssertEqual(record.lastError?.hasPrefix(path + ": cannot create the folder"), true, record.lastError ?? "")
            let writable = FileOutboxAdapter(path: self.directory.appendingPathComponent("\(name).jsonl").path)
            let fixed = OutboxDelivery(store: store, adapter: writable, now: clock.reading)
            let attempted = try await fixed.deliverDue().attempted
            XCTAssertEqual(attempted, 0, "\(name): not before its backoff")
        }
    }

    func testConcurrentDeliveriesWriteEachMessageExactlyOnce() async throws {
        try await TestDatabases.each { store, name in
            let path = self.directory.appendingPathComponent("\(name)-shared.jsonl").path
            try await OutboxRepository.enqueue(OutboxMessage.samples(400), on: store.sql, sealingPersonalDataWith: store)
            let reports = try await withThrowingTaskGroup(of: OutboxDeliveryReport.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: path), batchSize: 9).deliverDue()
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            XCTAssertEqual(reports.map(\.sent).reduce(0, +), 400, name)
            let ids = try self.lines(path).dropLast().map { try JSONDecoder().decode(OutboxMessage.self, from: Data($0.utf8)).id }
            XCTAssertEqual(ids.count, 400, "\(name): whole lines, none repeated")
            XCTAssertEqual(Set(ids).count, 400)
        }
    }
}
