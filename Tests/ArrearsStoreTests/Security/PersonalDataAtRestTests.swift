import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// Issue 4: ID numbers and phone numbers encrypted at rest, so a copied database leaks nothing.
final class PersonalDataAtRestTests: XCTestCase {
    let key = DataKey.generate()

    func testImportedIdAndMobileNumbersAreStoredSealedWithLookupHashes() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await PersonalDataFixtures.importCustomers(store)
            let raw = try await PersonalDataFixtures.rawColumns(store)
            await store.shutdown()

            XCTAssertEqual(raw.count, 4, name)
            for (id, columns) in raw {
                let stored = columns.compactMap { $0 }.joined(separator: " ")
                for secret in PersonalDataFixtures.secrets { XCTAssertFalse(stored.contains(secret), "\(name) \(id): \(secret)") }
            }
            let wang = try XCTUnwrap(raw["C1"])
            XCTAssertTrue(wang[0]!.hasPrefix("enc1:") && wang[1]!.hasPrefix("enc1:"), "\(name) \(wang)")
            XCTAssertEqual(wang[2]!.count, 64, name)
            XCTAssertEqual(wang[3]!.count, 64, name)
            XCTAssertEqual(raw["C3"]?[0], .some(nil), "no ID number: nothing sealed, no hash (\(name))")
            XCTAssertEqual(raw["C3"]?[2], .some(nil), name)
            XCTAssertEqual(raw["C4"]?[1], .some(nil), name)
        }
    }

    /// A batch large enough to be sealed on several cores keeps every customer's own values, in
    /// order: each opens to its plaintext and carries its own lookup hash.
    func testALargeBatchIsSealedRowByRowOnEveryCore() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            let lines = ["customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating"]
                + (1...1_500).map { "C\($0),Name \($0),ID\(100_000 + $0),1380000\(1_000 + $0),,,BJ,,,B" }
            try await PersonalDataFixtures.importCustomers(store, lines)
            let raw = try await PersonalDataFixtures.rawColumns(store)
            let cipher = FieldCipher(key: key)
            XCTAssertEqual(raw.count, 1_500, name)
            for number in [1, 2, 700, 751, 1_499, 1_500] {
                let columns = try XCTUnwrap(raw["C\(number)"], name)
                XCTAssertEqual(try cipher.open(columns[0]!), "ID\(100_000 + number)", "\(name) C\(number)")
                XCTAssertEqual(try cipher.open(columns[1]!), "1380000\(1_000 + number)", "\(name) C\(number)")
                XCTAssertEqual(columns[2], cipher.lookupHash("ID\(100_000 + number)"), "\(name) C\(number)")
                XCTAssertEqual(columns[3], cipher.lookupHash("1380000\(1_000 + number)"), "\(name) C\(number)")
            }
            await store.shutdown()
        }
    }

    /// Issue 22: e-mail and postal addresses are sealed like ID and mobile numbers; the e-mail
    /// address, which a customer may be found by, has its keyed lookup hash.
    func testImportedEmailAndPostalAddressesAreStoredSealedTheEmailWithItsLookupHash() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await PersonalDataFixtures.importCustomers(store)
            let raw = try await PersonalDataFixtures.rawAddresses(store)
            let found = try await PersonalDataLookup(store: store).customers(with: .email, equalTo: " li.lei@example.hk", actor: "cli:wang")
            await store.shutdown()

            for (id, columns) in raw {
                let stored = columns.compactMap { $0 }.joined(separator: " ")
                for part in PersonalDataFixtures.addresses + PersonalDataFixtures.addressParts {
                    XCTAssertFalse(stored.contains(part), "\(name) \(id): \(part)")
                }
            }
            let cipher = FieldCipher(key: key)
            let li = try XCTUnwrap(raw["C2"])
            XCTAssertEqual(try cipher.open(try XCTUnwrap(li[0])), "Li.Lei@Example.HK", name)
            XCTAssertEqual(try cipher.open(try XCTUnwrap(li[1])), "Flat 12B, 8 Nathan Road, Kowloon", name)
            XCTAssertEqual(li[2], cipher.lookupHash("li.lei@example.hk"), "hashed in its normal form (\(name))")
            XCTAssertEqual(raw["C3"], [nil, nil, nil], "nothing on file: nothing sealed, no hash (\(name))")
            XCTAssertEqual(found, ["C2"], "found by e-mail address whatever its case (\(name))")
        }
    }

    func testCopiedSQLiteFileShowsNoIdOrMobileNumber() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = DatabaseURL.sqlite(path: directory.appendingPathComponent("copied.sqlite").path)
        let store = try await Store.open(url, dataKey: key)
        try await PersonalDataFixtures.importCustomers(store)
        await store.shutdown()

        let bytes = try PersonalDataFixtures.sqliteFileBytes(url)
        XCTAssertNotNil(bytes.range(of: Data("王芳".utf8)), "the scan sees the file's text: the name, which is not encrypted, is there")
        XCTAssertEqual(PersonalDataFixtures.secretsIn(bytes), [])
        XCTAssertEqual(PersonalDataFixtures.addressesIn(bytes), [], "nor where the customers live or any of their e-mail addresses")
    }

    func testPlainStoreKeepsPlaintextAndNoHashes() async throws {
        try await TestDatabases.each { store, name in
            XCTAssertNil(store.cipher, name)
            try await PersonalDataFixtures.importCustomers(store)
            let raw = try await PersonalDataFixtures.rawColumns(store)
            XCTAssertEqual(raw["C1"], ["110101199003071234", "13800138000", nil, nil], name)
            let addresses = try await PersonalDataFixtures.rawAddresses(store)
            XCTAssertEqual(addresses["C1"], ["wang@example.cn", "北京市东城区东四十条甲22号", nil], name)
            XCTAssertEqual(try store.openField("13800138000"), "13800138000", name)
            XCTAssertEqual(store.sealField("13800138000"), "13800138000", name)
        }
    }

    func testReimportingTheSameFileLeavesTheStoredBytesAlike() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await PersonalDataFixtures.importCustomers(store)
            let first = try await PersonalDataFixtures.rawColumns(store)
            let firstAddresses = try await PersonalDataFixtures.rawAddresses(store)
            try await PersonalDataFixtures.importCustomers(store)
            let second = try await PersonalDataFixtures.rawColumns(store)
            let secondAddresses = try await PersonalDataFixtures.rawAddresses(store)
            await store.shutdown()
            XCTAssertEqual(first, second, name)
            XCTAssertEqual(firstAddresses, secondAddresses, name)
        }
    }

    func testStoreOpensWhatItSealed() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await PersonalDataFixtures.importCustomers(store)
            let wang = try await PersonalDataFixtures.rawColumns(store)["C1"]!
            XCTAssertEqual(try store.openField(wang[0]), "110101199003071234", name)
            XCTAssertEqual(try store.openField(wang[1]), "13800138000", name)
            XCTAssertEqual(try store.openField(nil), nil, name)
            XCTAssertEqual(store.sealField("13800138000"), wang[1], name)
            await store.shutdown()
        }
    }

    func testAnotherKeyOrNoKeyCannotReadThem() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            try await PersonalDataFixtures.importCustomers(store)
            let mobile = try await PersonalDataFixtures.rawColumns(store)["C1"]![1]
            await store.shutdown()

            do {
                let wrong = try await PersonalDataFixtures.open(plain, key: DataKey.generate())
                await wrong.shutdown()
                XCTFail("a store with another key opened (\(name))")
            } catch let error as PersonalDataError {
                XCTAssertEqual(error, .cannotDecrypt, name)
                XCTAssertTrue(error.description.contains("ARREARS_DATA_KEY"), error.description)
            }
            XCTAssertThrowsError(try plain.openField(mobile), name) { error in
                XCTAssertEqual(error as? PersonalDataError, .keyMissing, name)
                XCTAssertTrue("\(error)".contains("ARREARS_DATA_KEY"), "\(error)")
            }
        }
    }

    func testDailyRunQueuesSealedRecipientsAndDeliversToTheRealNumbers() async throws {
        try await TestDatabases.each { plain, name in
            let store = try await PersonalDataFixtures.open(plain, key: key)
            let directory = try TestDatabases.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let day = LocalDate(iso: "2026-06-30")!
            _ = try PortfolioGenerator(customers: 300, seed: 5, asOf: day).write(to: directory)
            for kind in ImportKind.allCases {
                let result = try await store.importCollecting(kind, directory.appendingPathComponent("\(kind.rawValue).csv").path)
                XCTAssertFalse(result.rejected, "\(result.issues.prefix(3))")
            }
            let customersFile = directory.appendingPathComponent("customers.csv").path
            let mobiles = try Self.column("mobile", inCustomersFile: customersFile)
            let emails = try Self.column("email", inCustomersFile: customersFile)
            let addresses = try Self.column("address", inCustomersFile: customersFile)

            let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            let config = root.appendingPathComponent("config").path
            let strategy = try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
            let summary = try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                                                     policy: try PolicyConfig.load(fromDirectory: config)).run(day)
            let stored = try await plain.sql.raw("SELECT customer_id, channel, recipient FROM outbox_messages").all().map {
                (customer: try $0.decode(column: "customer_id", as: String.self), channel: try $0.decode(column: "channel", as: String.self),
                 recipient: try $0.decode(column: "recipient", as: String.self))
            }
            let bytes = try PersonalDataFixtures.sqliteFileBytes(plain.url)
            let outboxFile = directory.appendingPathComponent("outbox.jsonl").path
            let delivered = try await OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: outboxFile)).deliverDue()
            await store.shutdown()

            XCTAssertGreaterThan(summary.messagesQueued, 0, name)
            XCTAssertEqual(Set(stored.map(\.channel)), ["sms", "email"], "both channels are exercised (\(name))")
            for message in stored {
                XCTAssertTrue(message.recipient.hasPrefix("enc1:"), "\(name) \(message.customer) \(message.channel): \(message.recipient)")
            }
            let storedText = stored.map(\.recipient).joined(separator: " ")
            for mobile in Set(stored.filter { $0.channel == "sms" }.compactMap { mobiles[$0.customer] }) {
                XCTAssertFalse(storedText.contains(mobile), "\(name): \(mobile)")
            }
            if name == "sqlite" {
                let names = try Self.column("name", inCustomersFile: customersFile).values
                XCTAssertTrue(names.contains { bytes.range(of: Data($0.utf8)) != nil }, "the scan sees the file's text: names are there")
                let leaked = mobiles.values.filter { !$0.isEmpty && bytes.range(of: Data($0.utf8)) != nil }
                XCTAssertEqual(leaked, [], "no imported mobile number is anywhere in the SQLite file or its log")
                let leakedAddresses = (Array(emails.values) + Array(addresses.values)).filter { !$0.isEmpty && bytes.range(of: Data($0.utf8)) != nil }
                XCTAssertEqual(leakedAddresses, [], "nor any e-mail or postal address")
                XCTAssertGreaterThan(addresses.values.filter { !$0.isEmpty }.count, 100, "the sample has addresses to look for")
            }

            XCTAssertEqual(delivered.sent, stored.count, name)
            let lines = try String(contentsOfFile: outboxFile, encoding: .utf8).split(separator: "\n")
            XCTAssertEqual(lines.count, stored.count, name)
            for line in lines {
                let message = try JSONDecoder().decode(OutboxMessage.self, from: Data(line.utf8))
                let real = message.channel == "sms" ? mobiles[message.customerId] : emails[message.customerId]
                XCTAssertEqual(message.recipient, real, "the receiver gets the real number or address: \(name) \(message.id)")
            }
        }
    }

    /// customer id → the value of `column`, from a customers file.
    static func column(_ column: String, inCustomersFile path: String) throws -> [String: String] {
        let reader = try CSVReader(path: path)
        let header = try XCTUnwrap(try reader.next()).fields
        let id = try XCTUnwrap(header.firstIndex(of: "customer_id")), index = try XCTUnwrap(header.firstIndex(of: column))
        var values: [String: String] = [:]
        while let record = try reader.next() { values[record.fields[id]] = record.fields[index] }
        return values
    }
}
