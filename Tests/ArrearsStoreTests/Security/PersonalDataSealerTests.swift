import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTest

/// `arrears customer encrypt-existing`: personal data stored before encryption is sealed once.
final class PersonalDataSealerTests: XCTestCase {
    let key = DataKey.generate()

    func testPlaintextLeftFromBeforeEncryptionIsSealedOnceAndAudited() async throws {
        try await TestDatabases.each { plain, name in
            try await PersonalDataFixtures.importCustomers(plain)
            let store = try await PersonalDataFixtures.open(plain, key: key)
            let sealer = PersonalDataSealer(store: store)
            let first = try await sealer.sealExisting(actor: "cli:wang")
            let sealed = try await PersonalDataFixtures.rawColumns(store)
            let found = try await PersonalDataLookup(store: store).customers(with: .idNumber, equalTo: "110101199003071234", actor: "cli:wang")
            let second = try await sealer.sealExisting(actor: "cli:wang")
            let unchanged = try await PersonalDataFixtures.rawColumns(store)
            let wang = sealed["C1"]!
            XCTAssertEqual(try store.openField(wang[0]), "110101199003071234", name)
            XCTAssertEqual(try store.openField(wang[1]), "13800138000", name)
            await store.shutdown()

            XCTAssertEqual(first, PersonalDataSealer.Summary(customers: 4, idNumbers: 3, mobiles: 3), name)
            for (id, columns) in sealed {
                for secret in PersonalDataFixtures.secrets { XCTAssertFalse(columns.compactMap { $0 }.joined(separator: " ").contains(secret), "\(name) \(id)") }
            }
            XCTAssertEqual(found, ["C1"], name)
            XCTAssertEqual(second, PersonalDataSealer.Summary(), name)
            XCTAssertEqual(unchanged, sealed, name)
            let audited = try await plain.sql.raw("SELECT details FROM audit_log WHERE action = 'encrypt_personal_data'").all()
            XCTAssertEqual(try audited.map { try $0.decode(column: "details", as: String.self) }, [#"{"customers":"4","id_numbers":"3","mobiles":"3","outbox_recipients":"0"}"#],
                           "one entry: the second run changed nothing (\(name))")
        }
    }

    func testOutboxRecipientsQueuedBeforeAreSealedOnceAndStillDelivered() async throws {
        try await TestDatabases.each { plain, name in
            let messages = [OutboxMessage.queued("M1", to: "13800138000"), .queued("M2", to: "wang@example.cn", channel: "email")]
            try await OutboxRepository.enqueue(messages, on: plain.sql, sealingPersonalDataWith: plain)
            let store = try await PersonalDataFixtures.open(plain, key: key)
            let sealer = PersonalDataSealer(store: store)
            let first = try await sealer.sealExisting(actor: "cli:wang")
            let stored = try await Self.recipients(plain)
            let second = try await sealer.sealExisting(actor: "cli:wang")
            let unchanged = try await Self.recipients(plain)
            let path = try TestDatabases.temporaryDirectory().appendingPathComponent("outbox.jsonl").path
            defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
            _ = try await OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: path)).deliverDue()
            await store.shutdown()

            XCTAssertEqual(first, PersonalDataSealer.Summary(outboxRecipients: 2), name)
            XCTAssertEqual(stored["M1"], store.sealField("13800138000"), "sealed as a keyed daily run would have stored it (\(name))")
            XCTAssertTrue(stored["M2"]?.hasPrefix("enc1:") == true, name)
            XCTAssertEqual(second, PersonalDataSealer.Summary(), name)
            XCTAssertEqual(unchanged, stored, name)
            let written = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map {
                try JSONDecoder().decode(OutboxMessage.self, from: Data($0.utf8))
            }
            XCTAssertEqual(written.sorted { $0.id < $1.id }, messages, name)
        }
    }

    func testAfterSealingTheSQLiteFilesHoldNoPlaintext() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("old.sqlite").path)
        let plain = try await Store.open(url)
        try await PersonalDataFixtures.importCustomers(plain)
        let queuedTo = "+8613700000001"
        try await OutboxRepository.enqueue([.queued("M1", to: queuedTo)], on: plain.sql, sealingPersonalDataWith: plain)
        await plain.shutdown()
        let before = try PersonalDataFixtures.sqliteFileBytes(url)
        XCTAssertEqual(PersonalDataFixtures.secretsIn(before), PersonalDataFixtures.secrets, "stored in plaintext before")
        XCTAssertNotNil(before.range(of: Data(queuedTo.utf8)), "the outbox's recipient too")

        let store = try await Store.open(url, dataKey: key)
        _ = try await PersonalDataSealer(store: store).sealExisting(actor: "cli:wang")
        let bytes = try PersonalDataFixtures.sqliteFileBytes(url)
        await store.shutdown()
        XCTAssertNotNil(bytes.range(of: Data("王芳".utf8)))
        XCTAssertEqual(PersonalDataFixtures.secretsIn(bytes), [], "the plaintext's pages are rewritten at once, not when the store closes")
        XCTAssertNil(bytes.range(of: Data(queuedTo.utf8)))
    }

    /// Each outbox message's stored recipient, by id.
    static func recipients(_ store: Store) async throws -> [String: String] {
        var recipients: [String: String] = [:]
        for row in try await store.sql.raw("SELECT id, recipient FROM outbox_messages").all() {
            recipients[try row.decode(column: "id", as: String.self)] = try row.decode(column: "recipient", as: String.self)
        }
        return recipients
    }

    func testStoreWithoutKeyCannotSeal() async throws {
        try await TestDatabases.each { store, name in
            do {
                _ = try await PersonalDataSealer(store: store).sealExisting(actor: "cli:wang")
                XCTFail(name)
            } catch let error as PersonalDataError {
                XCTAssertEqual(error, .keyMissing, name)
            }
        }
    }
}
