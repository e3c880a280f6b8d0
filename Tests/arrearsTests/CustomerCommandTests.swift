import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// `arrears customer find`, `encrypt-existing` and `rotate-key`, and where the command line takes
/// the data key from.
final class CustomerCommandTests: XCTestCase {
    let customers = [
        "customer_id,name,id_number,mobile,credit_rating",
        "C1,王芳,110101199003071234,13800138000,B",
        "C2,Li Lei,E12345678,+85291234567,A",
    ]
    /// Customers with e-mail and postal addresses, and what must never be found in the database.
    let contactable = [
        "customer_id,name,id_number,mobile,email,address,credit_rating",
        "C1,王芳,110101199003071234,13800138000,wang.fang@example.cn,北京市东城区东四十条甲22号,B",
        #"C2,Li Lei,E12345678,+85291234567,Li.Lei@Example.HK,"Flat 12B, 8 Nathan Road, Kowloon",A"#,
        "C3,Zhang Wei,,13912345678,,,C",
    ]
    let hidden = ["wang.fang@example.cn", "东四十条", "Li.Lei@Example.HK", "Nathan Road", "13800138000", "110101199003071234"]

    private func databaseFile(_ cli: CommandRunner) -> String { cli.directory.appendingPathComponent("cli.sqlite").path }

    func testFindPrintsTheCustomerWithThatMobileOrIdNumberAndAuditsTheLookup() async throws {
        var cli = try CommandRunner()
        defer { cli.remove() }
        let key = DataKey.generate()
        cli.environment["ARREARS_DATA_KEY"] = key.base64
        let imported = try cli.run(["import", "customers", try cli.file("customers.csv", customers)] + cli.databaseOption)
        XCTAssertEqual(imported.status, 0, imported.stderr)

        let byMobile = try cli.run(["customer", "find", "--mobile", "138-0013-8000"] + cli.databaseOption)
        XCTAssertEqual(byMobile.status, 0, byMobile.stderr)
        XCTAssertEqual(byMobile.stdout, "C1\n")
        XCTAssertEqual(try cli.run(["customer", "find", "--id-number", "e12345678"] + cli.databaseOption).stdout, "C2\n")
        XCTAssertEqual(try cli.run(["customer", "find", "--mobile", "13900000000"] + cli.databaseOption).stdout, "")
        XCTAssertEqual(try cli.run(["customer", "find"] + cli.databaseOption).status, 64, "one of --mobile and --id-number is needed")

        let store = try await Store.open(.sqlite(path: databaseFile(cli)), dataKey: key)
        let lookups = try await store.sql.raw("SELECT actor, details FROM audit_log WHERE action = 'lookup_personal_data' ORDER BY sequence").all()
        await store.shutdown()
        XCTAssertEqual(lookups.count, 3)
        XCTAssertTrue(try lookups[0].decode(column: "actor", as: String.self).hasPrefix("cli:"))
        XCTAssertEqual(try lookups.map { try $0.decode(column: "details", as: String.self) },
                       [#"{"field":"mobile","matches":"1"}"#, #"{"field":"id_number","matches":"1"}"#, #"{"field":"mobile","matches":"0"}"#])
    }

    func testMalformedKeyIsRefusedWithExitStatus1() throws {
        var cli = try CommandRunner()
        defer { cli.remove() }
        cli.environment["ARREARS_DATA_KEY"] = "too-short"
        let result = try cli.run(["customer", "find", "--mobile", "13800138000"] + cli.databaseOption)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderrLines, ["arrears: ARREARS_DATA_KEY must hold 32 bytes in base64 (make one with: openssl rand -base64 32)"])
    }

    func testWrongKeyIsRefusedBeforeAnythingIsWritten() throws {
        var cli = try CommandRunner()
        defer { cli.remove() }
        cli.environment["ARREARS_DATA_KEY"] = DataKey.generate().base64
        XCTAssertEqual(try cli.run(["import", "customers", try cli.file("customers.csv", customers)] + cli.databaseOption).status, 0)
        cli.environment["ARREARS_DATA_KEY"] = DataKey.generate().base64
        let result = try cli.run(["customer", "find", "--mobile", "13800138000"] + cli.databaseOption)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("ARREARS_DATA_KEY is not the key the database was written with"), result.stderr)
    }

    func testWithoutAKeyTheDefaultKeyFileIsMadeAnnouncedAndReused() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let keyFile = cli.directory.appendingPathComponent("xdg-config/arrears/data.key").path
        let first = try cli.run(["import", "customers", try cli.file("customers.csv", customers)] + cli.databaseOption)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertTrue(first.stderrLines.contains { $0.contains(keyFile) && $0.contains("ARREARS_DATA_KEY") && $0.contains("backups") }, first.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: keyFile))

        let found = try cli.run(["customer", "find", "--mobile", "13800138000"] + cli.databaseOption)
        XCTAssertEqual(found.stdout, "C1\n", found.stderr)
        XCTAssertFalse(found.stderr.contains(keyFile), "announced once")
    }

    func testEncryptExistingSealsAPlaintextDatabaseOnce() async throws {
        var cli = try CommandRunner()
        defer { cli.remove() }
        let plain = try await Store.open(.sqlite(path: databaseFile(cli)))
        _ = try await PortfolioImporter(store: plain).importFile(.customers, path: try cli.file("customers.csv", customers)) { _ in }
        await plain.shutdown()
        cli.environment["ARREARS_DATA_KEY_FILE"] = try cli.file("data.key", [DataKey.generate().base64])

        XCTAssertEqual(try cli.run(["customer", "find", "--mobile", "13800138000"] + cli.databaseOption).stdout, "", "not hashed yet")
        let first = try cli.run(["customer", "encrypt-existing"] + cli.databaseOption)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, "encrypted 2 ID numbers, 2 mobile numbers, 0 e-mail addresses and 0 postal addresses of 2 customers; 0 outbox recipients; 0 legal documents\n")
        XCTAssertEqual(try cli.run(["customer", "find", "--mobile", "13800138000"] + cli.databaseOption).stdout, "C1\n")
        XCTAssertEqual(try cli.run(["customer", "encrypt-existing"] + cli.databaseOption).stdout,
                       "encrypted 0 ID numbers, 0 mobile numbers, 0 e-mail addresses and 0 postal addresses of 0 customers; 0 outbox recipients; 0 legal documents\n")
    }

    /// Issue 22: a database written before addresses were sealed shows them in its file; after
    /// `encrypt-existing` none of them is anywhere in it, and the customer is found by e-mail.
    func testEncryptExistingSealsTheAddressesOfADatabaseWrittenTheOldWay() async throws {
        var cli = try CommandRunner()
        defer { cli.remove() }
        let url = DatabaseURL.sqlite(path: databaseFile(cli))
        let plain = try await Store.open(url)
        _ = try await PortfolioImporter(store: plain).importFile(.customers, path: try cli.file("customers.csv", contactable)) { _ in }
        await plain.shutdown()
        XCTAssertEqual(hidden.filter { fileBytes(cli).range(of: Data($0.utf8)) != nil }, hidden, "written the old way: all there")
        cli.environment["ARREARS_DATA_KEY"] = DataKey.generate().base64

        let first = try cli.run(["customer", "encrypt-existing"] + cli.databaseOption)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, "encrypted 2 ID numbers, 3 mobile numbers, 2 e-mail addresses and 2 postal addresses of 3 customers; 0 outbox recipients; 0 legal documents\n")
        XCTAssertEqual(hidden.filter { fileBytes(cli).range(of: Data($0.utf8)) != nil }, [])
        XCTAssertNotNil(fileBytes(cli).range(of: Data("王芳".utf8)), "names stay in the clear, and the scan sees them")
        XCTAssertEqual(try cli.run(["customer", "find", "--email", "li.lei@example.hk"] + cli.databaseOption).stdout, "C2\n")
        let second = try cli.run(["customer", "encrypt-existing"] + cli.databaseOption)
        XCTAssertTrue(second.stdout.hasPrefix("encrypted 0 ID numbers, 0 mobile numbers, 0 e-mail addresses and 0 postal addresses of 0 customers"), second.stdout)
    }

    /// The SQLite file and its write-ahead log, as a copy of them would hold.
    private func fileBytes(_ cli: CommandRunner) -> Data {
        var bytes = FileManager.default.contents(atPath: databaseFile(cli)) ?? Data()
        bytes.append(FileManager.default.contents(atPath: databaseFile(cli) + "-wal") ?? Data())
        return bytes
    }

    /// The databases the command-line round trips run on: SQLite in the runner's folder, and
    /// PostgreSQL, emptied first, when `ARREARS_TEST_POSTGRES_URL` is set.
    private func databases(_ cli: CommandRunner) async throws -> [(name: String, option: [String], url: DatabaseURL)] {
        var databases = [(name: "sqlite", option: cli.databaseOption, url: DatabaseURL.sqlite(path: databaseFile(cli)))]
        if let postgres = ProcessInfo.processInfo.environment["ARREARS_TEST_POSTGRES_URL"], !postgres.isEmpty {
            try await TestDatabases.emptyPostgres(postgres)
            databases.append((name: "postgres", option: ["--database", postgres], url: .postgres(url: postgres)))
        }
        return databases
    }

    /// Each customer's sealed columns as stored.
    private func stored(_ url: DatabaseURL) async throws -> [[String?]] {
        let store = try await Store.open(url, migrate: false)
        let columns = ["id_number", "mobile", "email", "address", "id_number_hash", "mobile_hash", "email_hash"]
        do {
            let rows = try await store.sql.raw("SELECT id_number, mobile, email, address, id_number_hash, mobile_hash, email_hash FROM customers ORDER BY id").all()
            let values = try rows.map { row in try columns.map { try row.decode(column: $0, as: String?.self) } }
            await store.shutdown()
            return values
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// `rotate-key` through the command line: afterwards the new key opens everything and the old
    /// one nothing; rotating back gives the very bytes of before (the seal is deterministic).
    func testRotateKeyMovesEverythingToTheNewKeyAndBack() async throws {
        var cli = try CommandRunner()
        defer { cli.remove() }
        for database in try await databases(cli) {
            let name = database.name
            let (old, new) = (DataKey.generate(), DataKey.generate())
            cli.environment = ["ARREARS_DATA_KEY": old.base64]
            let imported = try cli.run(["import", "customers", try cli.file("customers.csv", contactable)] + database.option)
            XCTAssertEqual(imported.status, 0, "\(name): \(imported.stderr)")
            let before = try await stored(database.url)

            let rotated = try cli.run(["customer", "rotate-key", "--new-key-file", try cli.file("new.key", [new.base64])] + database.option)
            XCTAssertEqual(rotated.status, 0, "\(name): \(rotated.stderr)")
            XCTAssertEqual(rotated.stdout.split(separator: "\n").first.map(String.init),
                           "re-sealed 2 ID numbers, 3 mobile numbers, 2 e-mail addresses and 2 postal addresses of 3 customers; 0 outbox recipients; 0 legal documents under the new key",
                           name)
            let after = try await stored(database.url)
            let (oldCipher, newCipher) = (FieldCipher(key: old), FieldCipher(key: new))
            for (was, now) in zip(before, after) {
                for (index, value) in now.enumerated() where value != nil {
                    XCTAssertNotEqual(value, was[index], "\(name): every value and hash changed")
                    if index < 4 {
                        XCTAssertNotNil(try? newCipher.open(value!), name)
                        XCTAssertNil(try? oldCipher.open(value!), name)
                    }
                }
            }

            let withOld = try cli.run(["customer", "find", "--mobile", "13800138000"] + database.option)
            XCTAssertEqual(withOld.status, 1, name)
            XCTAssertTrue(withOld.stderr.contains("not the key the database was written with"), "\(name): \(withOld.stderr)")
            cli.environment = ["ARREARS_DATA_KEY": new.base64]
            XCTAssertEqual(try cli.run(["customer", "find", "--mobile", "138 0013 8000"] + database.option).stdout, "C1\n", name)
            XCTAssertEqual(try cli.run(["customer", "find", "--email", "LI.LEI@example.hk"] + database.option).stdout, "C2\n", name)

            cli.environment = ["ARREARS_DATA_KEY": new.base64, "ARREARS_NEW_DATA_KEY": new.base64]
            let same = try cli.run(["customer", "rotate-key"] + database.option)
            XCTAssertEqual(same.status, 1, name)
            XCTAssertEqual(same.stderrLines, ["arrears: the new key is the key in use: give a new one"], name)
            cli.environment = ["ARREARS_DATA_KEY": new.base64]
            let none = try cli.run(["customer", "rotate-key"] + database.option)
            XCTAssertEqual(none.status, 1, name)
            XCTAssertTrue(none.stderr.contains("ARREARS_NEW_DATA_KEY"), none.stderr)

            cli.environment = ["ARREARS_DATA_KEY": new.base64, "ARREARS_NEW_DATA_KEY": old.base64]
            let back = try cli.run(["customer", "rotate-key"] + database.option)
            XCTAssertEqual(back.status, 0, "\(name): \(back.stderr)")
            let restored = try await stored(database.url)
            XCTAssertEqual(restored, before, "under the old key again, byte for byte (\(name))")
        }
    }
}
