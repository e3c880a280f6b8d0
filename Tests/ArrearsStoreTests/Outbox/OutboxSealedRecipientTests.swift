import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// Issue 4: the outbox keeps each message's phone number or e-mail address sealed at rest, and
/// hands the real one to the receiver.
final class OutboxSealedRecipientTests: XCTestCase {
    let key = DataKey.generate()
    private let t0 = Date(timeIntervalSince1970: 1_795_420_800)

    private func storedRecipients(_ store: Store) async throws -> [String] {
        try await store.sql.raw("SELECT recipient FROM outbox_messages ORDER BY id").all().map { try $0.decode(column: "recipient", as: String.self) }
    }

    func testAKeyedStoreStoresRecipientsSealedAndReadsThemBackReal() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await store.transaction { try await OutboxRepository.enqueue([.sample("A"), .sample("B", email: true)], on: $0, sealingPersonalDataWith: store) }
            let first = try await storedRecipients(plain)
            try await store.transaction { try await OutboxRepository.enqueue([.sample("A", body: "changed"), .sample("B", email: true)], on: $0, sealingPersonalDataWith: store) }
            let again = try await storedRecipients(plain)
            let found = try await OutboxRepository.find(id: "A", on: store.sql, openingPersonalDataWith: store)
            let claims = try await OutboxRepository.claim(limit: 10, now: t0, timeout: 60, maxAttempts: 5, on: store.sql, openingPersonalDataWith: store)
            await store.shutdown()

            XCTAssertEqual(first.count, 2, name)
            XCTAssertTrue(first.allSatisfy { $0.hasPrefix("enc1:") }, "\(name) \(first)")
            XCTAssertFalse(first.joined().contains("8613800138000") || first.joined().contains("amy.chen"), name)
            XCTAssertEqual(again, first, "enqueued again: the same rows, the same stored text (\(name))")
            XCTAssertEqual(found?.message, .sample("A"), name)
            XCTAssertEqual(claims.map(\.message).sorted { $0.id < $1.id }, [.sample("A"), .sample("B", email: true)], name)
        }
    }

    func testAStoreWithoutTheKeyCannotDeliverAndUsesUpNoAttempt() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestDatabases.each { plain, name in
            let path = directory.appendingPathComponent("\(name).jsonl").path
            let clock = FakeClock()
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await OutboxRepository.enqueue([.sample("A")], on: store.sql, sealingPersonalDataWith: store)

            do {
                _ = try await OutboxDelivery(store: plain, adapter: FileOutboxAdapter(path: path), now: clock.reading).deliverDue()
                XCTFail("delivered without the key (\(name))")
            } catch let error as PersonalDataError {
                XCTAssertEqual(error, .keyMissing, name)
            }
            let untouched = try await store.outboxRecord("A")
            let writtenWithoutKey = FileManager.default.fileExists(atPath: path)
            let report = try await OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: path), now: clock.reading).deliverDue()
            await store.shutdown()

            XCTAssertEqual(untouched.status, .pending, name)
            XCTAssertEqual(untouched.attempts, 0, name)
            XCTAssertNil(untouched.nextAttemptAt, "due at once, as before (\(name))")
            XCTAssertFalse(writtenWithoutKey, name)
            XCTAssertEqual(report.sent, 1, name)
            let line = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .newlines)
            XCTAssertEqual(try JSONDecoder().decode(OutboxMessage.self, from: Data(line.utf8)), .sample("A"), "the real number is written (\(name))")
        }
    }
}
