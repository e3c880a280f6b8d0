import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// `arrears customer rotate-key`: everything sealed moves to the new key in one transaction.
final class DataKeyRotationTests: XCTestCase {
    let old = DataKey.generate()
    let new = DataKey.generate()

    /// Every sealed text value of every table, by table, column and id, as stored.
    static func sealedValues(_ store: Store) async throws -> [String: String] {
        var values: [String: String] = [:]
        for column in SealedColumn.all {
            var names = ["id", column.column]
            if let lookup = column.lookup { names.append(lookup.hashColumn) }
            for row in try await store.sql.raw("SELECT \(unsafeRaw: names.joined(separator: ", ")) FROM \(unsafeRaw: column.table)").all() {
                let id = try row.decode(column: "id", as: String.self)
                for name in names.dropFirst() {
                    if let value = try row.decode(column: name, as: String?.self) { values["\(column.table).\(name).\(id)"] = value }
                }
            }
        }
        return values
    }

    func testEveryValueAndFileIsResealedUnderTheNewKeyAndNoneOpensWithTheOld() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await Store.open(plain.url, dataKey: old)
            try await PersonalDataFixtures.importCustomers(store)
            try await OutboxRepository.enqueue([.queued("M1", to: "13800138000"), .queued("M2", to: "wang@example.cn", channel: "email")],
                                               on: store.sql, sealingPersonalDataWith: store)
            try await WorkbenchFixture.load(into: store)
            let book = LegalBook(store: store)
            let legal = try await book.open(caseId: "KW1", reason: "refuses all contact", byOfficer: true, by: "user:lawyer")
            let letter = try await book.addDocument(legal.id, .init(name: "note", kind: "note", body: "寄往 北京市东城区东四十条甲22号"), by: "user:lawyer")
            let upload = AttachmentUpload(field: "body", nameField: "file_name", fileName: "判决书.pdf", declaredType: "application/pdf", bytes: SampleFiles.pdf)
            let file = try await book.addFile(legal.id, name: "Judgment", upload, by: "user:lawyer")
            let before = try await Self.sealedValues(store)

            let counts = try await DataKeyRotation(store: store, to: new).rotate(actor: "cli:admin")
            let after = try await Self.sealedValues(store)
            await store.shutdown()

            XCTAssertEqual(counts, SealedCounts(customers: 8, idNumbers: 3, mobiles: 7, emails: 2, addresses: 6, outboxRecipients: 2, documents: 1, files: 1), name)
            XCTAssertTrue(Set(before.keys).isSubset(of: Set(after.keys)), "nothing lost (\(name))")
            XCTAssertEqual(Set(after.keys).subtracting(before.keys), Set((1...4).map { "customers.mobile_hash.CW\($0)" }),
                           "the only values added are the hashes of numbers left in plaintext (\(name))")
            let newCipher = FieldCipher(key: new), oldCipher = FieldCipher(key: old)
            for (place, value) in after where !place.contains("_hash.") {
                XCTAssertNotEqual(value, before[place], "\(name) \(place)")
                XCTAssertNotNil(try? newCipher.open(value), "\(name) \(place)")
                XCTAssertNil(try? oldCipher.open(value), "\(name) \(place)")
            }
            XCTAssertEqual(after["customers.email_hash.C2"], newCipher.lookupHash("li.lei@example.hk"), name)
            XCTAssertEqual(after["customers.mobile.CW1"].flatMap { try? newCipher.open($0) }, "13800138000", "plaintext left over is sealed on the way (\(name))")

            do {
                let stale = try await Store.open(plain.url, dataKey: old)
                await stale.shutdown()
                XCTFail("the old key still opened the database (\(name))")
            } catch let error as PersonalDataError {
                XCTAssertEqual(error, .cannotDecrypt, name)
            }
            let rotated = try await Store.open(plain.url, dataKey: new)
            let read = try await LegalBook(store: rotated).documentText(legal.id, document: letter, by: "user:lawyer")
            let pdf = try await LegalBook(store: rotated).documentFile(legal.id, document: file, by: "user:lawyer")
            let found = try await PersonalDataLookup(store: rotated).customers(with: .email, equalTo: "Li.Lei@example.hk", actor: "cli:admin")
            let audited = try await rotated.sql.raw("SELECT details FROM audit_log WHERE action = 'rotate_data_key'").all()
            await rotated.shutdown()
            XCTAssertEqual(read.body, "寄往 北京市东城区东四十条甲22号", name)
            XCTAssertEqual(pdf.bytes, SampleFiles.pdf, name)
            XCTAssertEqual(found, ["C2"], name)
            XCTAssertEqual(audited.count, 1, name)
        }
    }

    func testAValueThatDoesNotOpenStopsTheRotationAndChangesNothing() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await Store.open(plain.url, dataKey: old)
            try await PersonalDataFixtures.importCustomers(store)
            try await store.sql.raw("UPDATE customers SET address = \(bind: FieldCipher(key: DataKey.generate()).seal("somewhere")) WHERE id = 'C4'").run()
            let before = try await Self.sealedValues(store)
            var rotation = DataKeyRotation(store: store, to: new)
            rotation.batchSize = 2
            do {
                _ = try await rotation.rotate(actor: "cli:admin")
                XCTFail("rotated over a value it cannot open (\(name))")
            } catch let error as PersonalDataError {
                XCTAssertEqual(error, .cannotDecrypt, name)
            }
            let after = try await Self.sealedValues(store)
            await store.shutdown()
            XCTAssertEqual(after, before, "all or nothing: the first batch was not kept (\(name))")
        }
    }
}
