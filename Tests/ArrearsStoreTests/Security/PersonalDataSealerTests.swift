import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// `arrears customer encrypt-existing`: personal data stored before encryption is sealed once,
/// a batch at a time.
final class PersonalDataSealerTests: XCTestCase {
    let key = DataKey.generate()

    func testPlaintextLeftFromBeforeEncryptionIsSealedOnceAndAudited() async throws {
        try await TestDatabases.each { plain, name in
            try await PersonalDataFixtures.importCustomers(plain)
            let store = try await PersonalDataFixtures.open(plain, key: key)
            let sealer = PersonalDataSealer(store: store)
            let first = try await sealer.sealExisting(actor: "cli:wang")
            let sealed = try await PersonalDataFixtures.rawColumns(store)
            let addresses = try await PersonalDataFixtures.rawAddresses(store)
            let found = try await PersonalDataLookup(store: store).customers(with: .idNumber, equalTo: "110101199003071234", actor: "cli:wang")
            let byEmail = try await PersonalDataLookup(store: store).customers(with: .email, equalTo: "li.lei@example.hk", actor: "cli:wang")
            let second = try await sealer.sealExisting(actor: "cli:wang")
            let unchanged = try await PersonalDataFixtures.rawColumns(store)
            let unchangedAddresses = try await PersonalDataFixtures.rawAddresses(store)
            XCTAssertEqual(try store.openField(addresses["C1"]?[1]), "北京市东城区东四十条甲22号", name)
            let wang = sealed["C1"]!
            XCTAssertEqual(try store.openField(wang[0]), "110101199003071234", name)
            XCTAssertEqual(try store.openField(wang[1]), "13800138000", name)
            await store.shutdown()

            XCTAssertEqual(first, PersonalDataSealer.Summary(customers: 4, idNumbers: 3, mobiles: 3, emails: 2, addresses: 2), name)
            for (id, columns) in sealed {
                for secret in PersonalDataFixtures.secrets { XCTAssertFalse(columns.compactMap { $0 }.joined(separator: " ").contains(secret), "\(name) \(id)") }
            }
            for (id, columns) in addresses {
                for part in PersonalDataFixtures.addresses + PersonalDataFixtures.addressParts {
                    XCTAssertFalse(columns.compactMap { $0 }.joined(separator: " ").contains(part), "\(name) \(id)")
                }
            }
            XCTAssertEqual(found, ["C1"], name)
            XCTAssertEqual(byEmail, ["C2"], name)
            XCTAssertEqual(second, PersonalDataSealer.Summary(), name)
            XCTAssertEqual(unchanged, sealed, name)
            XCTAssertEqual(unchangedAddresses, addresses, name)
            let audited = try await plain.sql.raw("SELECT subject, details FROM audit_log WHERE action = 'encrypt_personal_data'").all()
            XCTAssertEqual(try audited.map { try $0.decode(column: "subject", as: String.self) + " " + $0.decode(column: "details", as: String.self) },
                           [#"customers {"addresses":"2","customers":"4","emails":"2","id_numbers":"3","mobiles":"3"}"#],
                           "one entry: one batch, and the second run changed nothing (\(name))")
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

    /// Each batch is sealed in its own transaction, wholly or not at all: a run that stops at a
    /// value it cannot open keeps the batches before, and leaves the failing one as it was.
    func testEachBatchIsSealedWhollyOrNotAtAllAndARunAgainFinishesTheRest() async throws {
        try await TestDatabases.each { plain, name in
            try await PersonalDataFixtures.importCustomers(plain)
            let other = FieldCipher(key: DataKey.generate())
            try await plain.sql.raw("UPDATE customers SET id_number = \(bind: other.seal("44030519850615002X")) WHERE id = 'C4'").run()
            let store = try await PersonalDataFixtures.open(plain, key: key)
            var sealer = PersonalDataSealer(store: store)
            sealer.batchSize = 2
            do {
                _ = try await sealer.sealExisting(actor: "cli:wang")
                XCTFail("a value under another key was opened (\(name))")
            } catch let error as PersonalDataError {
                XCTAssertEqual(error, .cannotDecrypt, name)
            }
            let stopped = try await PersonalDataFixtures.rawAddresses(store)
            let stoppedNumbers = try await PersonalDataFixtures.rawColumns(store)
            try await plain.sql.raw("UPDATE customers SET id_number = '44030519850615002X' WHERE id = 'C4'").run()
            let rest = try await sealer.sealExisting(actor: "cli:wang")
            let finished = try await PersonalDataFixtures.rawColumns(store)
            await store.shutdown()

            XCTAssertTrue(stopped["C1"]?[0]?.hasPrefix("enc1:") == true && stopped["C2"]?[1]?.hasPrefix("enc1:") == true, "the first batch is kept (\(name))")
            XCTAssertEqual(stoppedNumbers["C3"]?[1], "13912345678", "the second batch is left as it was (\(name))")
            XCTAssertEqual(rest, PersonalDataSealer.Summary(customers: 2, idNumbers: 1, mobiles: 1), "only the second batch is left (\(name))")
            XCTAssertTrue(finished.values.allSatisfy { $0[0] == nil || $0[0]?.hasPrefix("enc1:") == true }, name)
            let batches = try await plain.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'encrypt_personal_data'").first()?.decode(column: "n", as: Int.self)
            XCTAssertEqual(batches, 2, "one entry per batch written (\(name))")
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
        XCTAssertEqual(PersonalDataFixtures.addressesIn(before), PersonalDataFixtures.addresses + PersonalDataFixtures.addressParts, "addresses too")
        XCTAssertNotNil(before.range(of: Data(queuedTo.utf8)), "the outbox's recipient too")

        let store = try await Store.open(url, dataKey: key)
        _ = try await PersonalDataSealer(store: store).sealExisting(actor: "cli:wang")
        let bytes = try PersonalDataFixtures.sqliteFileBytes(url)
        await store.shutdown()
        XCTAssertNotNil(bytes.range(of: Data("王芳".utf8)))
        XCTAssertEqual(PersonalDataFixtures.secretsIn(bytes), [], "the plaintext's pages are rewritten at once, not when the store closes")
        XCTAssertEqual(PersonalDataFixtures.addressesIn(bytes), [], "no e-mail or postal address either")
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
