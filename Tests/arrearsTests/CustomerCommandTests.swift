import ArrearsCore
import ArrearsStore
import Foundation
import XCTest

/// `arrears customer find` and `encrypt-existing`, and where the command line takes the data key
/// from.
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
}
