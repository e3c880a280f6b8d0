import ArrearsStore
import Foundation
import SQLKit
import XCTest

/// `arrears import` on PostgreSQL loads through `COPY` (straight into an empty table, through a
/// staging table and a merge otherwise): the rows it stores are those SQLite's statements
/// store, a second import of the same files rewrites no row, an update file merges, and a bad
/// row is named by row and field with nothing written.
final class PostgresCopyImportCommandTests: XCTestCase {
    private var cli: CommandRunner!
    private var postgres: [String] = []

    override func setUp() async throws {
        cli = try CommandRunner()
        guard let url = PostgresCommandSupport.url() else { throw XCTSkip("ARREARS_TEST_POSTGRES_URL is not set") }
        try await PostgresCommandSupport.fresh(url)
        postgres = ["--database", url]
    }

    override func tearDown() { cli.remove() }

    /// Customers whose fields hold what COPY's text format escapes (a backslash, a tab, a line
    /// break inside quotes, in plaintext fields; addresses are sealed) and empty optional fields (NULL).
    private let customers = [
        "customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating",
        "C1,王芳,110101199003074518,13800138000,,\"上海市 \\ 静安区\",上海,,,B",
        "C2,Tom\tLee,,,tom@example.com,\"Flat 2\nKowloon\",\"Kowloon\nEast\",Asia/Hong_Kong,en,D",
        "C3,\"O\\Brien, Pat\",,,,,,,en,A",
    ]
    private let accounts = [
        "account_id,customer_id,product,currency,principal,opened_on",
        "A1,C1,credit_card,CNY,8000.00,2025-10-01", "A2,C2,personal_loan,JPY,500000,2025-09-01",
        "A3,C1,corporate_loan,CNY,1000000.00,2025-01-01", "A4,C3,credit_card,CNY,120.50,2025-12-01",
    ]
    private let dues = [
        "account_id,due_on,principal,interest,fees",
        "A1,2026-01-05,300.00,20.00,5.00", "A1,2026-02-05,300.00,20.00,0",
        "A2,2025-10-01,50000,2000,0", "A2,2025-11-01,50000,2000,0", "A3,2026-03-01,100000.00,0,0",
    ]
    private let payments = [
        "payment_id,account_id,paid_on,amount,currency,channel",
        "P1,A1,2026-01-05,325.00,CNY,alipay", "P2,A2,2025-10-20,30000,JPY,counter",
    ]

    private func importFiles(_ files: [(String, [String])], into database: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        for (kind, lines) in files {
            let result = try cli.run(["import", kind, cli.file("\(kind).csv", lines)] + database)
            XCTAssertEqual(result.status, 0, "\(kind): \(result.stderr)", file: file, line: line)
            XCTAssertEqual(result.stdout, "", file: file, line: line)
            XCTAssertTrue(result.stderr.contains("imported \(lines.count - 1) \(kind) rows"), result.stderr, file: file, line: line)
        }
    }

    private var portfolio: [(String, [String])] { [("customers", customers), ("accounts", accounts), ("dues", dues), ("payments", payments)] }

    /// Every imported column of the four tables, as text, in key order (sealed fields as stored).
    private func dump(_ url: DatabaseURL) async throws -> [String: [String]] {
        let store = try await Store.open(url, migrate: false)
        do {
            var tables: [String: [String]] = [:]
            let shapes = [("customers", ["id", "name", "id_number", "mobile", "email", "address", "region", "time_zone", "language", "credit_rating",
                                         "id_number_hash", "mobile_hash", "email_hash"], ["id"]),
                          ("accounts", ["id", "customer_id", "product", "currency", "principal_minor", "opened_on", "written_off_on"], ["id"]),
                          ("dues", ["account_id", "due_on", "principal_minor", "interest_minor", "fees_minor"], ["account_id", "due_on"]),
                          ("payments", ["id", "account_id", "paid_on", "amount_minor", "currency", "channel"], ["id"])]
            for (table, columns, key) in shapes {
                let select = columns.map { "COALESCE(CAST(\($0) AS TEXT), '∅') AS \($0)" }.joined(separator: ", ")
                let rows = try await store.sql.raw("SELECT \(unsafeRaw: select) FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: key.joined(separator: ", "))").all()
                tables[table] = try rows.map { row in try columns.map { try row.decode(column: $0, as: String.self) }.joined(separator: "|") }
            }
            await store.shutdown()
            return tables
        } catch {
            await store.shutdown()
            throw error
        }
    }

    private var postgresURL: DatabaseURL { .postgres(url: postgres[1]) }

    /// Every index of the four tables with its definition (a first load drops the secondary ones and builds them again).
    private func indexes() async throws -> [String] {
        let store = try await Store.open(postgresURL, migrate: false)
        do {
            let rows = try await store.sql.raw("""
                SELECT indexdef FROM pg_indexes WHERE tablename IN ('customers', 'accounts', 'dues', 'payments') ORDER BY indexname
                """).all()
            await store.shutdown()
            return try rows.map { try $0.decode(column: "indexdef", as: String.self) }
        } catch {
            await store.shutdown()
            throw error
        }
    }

    func testFirstLoadStoresTheRowsSQLiteStatementsStore() async throws {
        let migrated = try await indexes()
        try importFiles(portfolio, into: postgres)
        let afterLoad = try await indexes()
        XCTAssertEqual(afterLoad, migrated, "the indexes set aside for the first load are back, as the migrations made them")
        XCTAssertGreaterThan(migrated.count, 5)
        try importFiles(portfolio, into: cli.databaseOption)
        let copied = try await dump(postgresURL)
        let inserted = try await dump(.sqlite(path: cli.directory.appendingPathComponent("cli.sqlite").path))
        XCTAssertEqual(copied, inserted)
        XCTAssertEqual(copied["customers"]?.count, 3)
        XCTAssertTrue(copied["customers"]?.contains { $0.hasPrefix("C2|Tom\tLee|") && $0.contains("|Kowloon\nEast|") } == true, "\(copied["customers"] ?? [])")
        XCTAssertTrue(copied["customers"]?.contains { $0.hasPrefix("C3|O\\Brien, Pat|∅|∅|∅|∅|∅|") } == true, "\(copied["customers"] ?? [])")
        XCTAssertEqual(copied["dues"]?.count, 5)
    }

    func testImportingTheSameFilesAgainRewritesNoRow() async throws {
        try importFiles(portfolio, into: postgres)
        let first = try await dump(postgresURL)
        let versions = try await rowVersions()
        try importFiles(portfolio, into: postgres)
        let second = try await dump(postgresURL)
        XCTAssertEqual(first, second)
        let after = try await rowVersions()
        XCTAssertEqual(versions, after, "the merge left every unchanged row as it was (same row version)")
    }

    /// Each row's physical version (`xmin`, the transaction that wrote it), by table and key.
    private func rowVersions() async throws -> [String] {
        let store = try await Store.open(postgresURL, migrate: false)
        do {
            var versions: [String] = []
            for (table, key) in [("customers", "id"), ("accounts", "id"), ("dues", "account_id, due_on"), ("payments", "id")] {
                let rows = try await store.sql.raw("SELECT CAST(xmin AS TEXT) AS version FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: key)").all()
                versions += try rows.map { "\(table): " + (try $0.decode(column: "version", as: String.self)) }
            }
            await store.shutdown()
            return versions
        } catch {
            await store.shutdown()
            throw error
        }
    }

    func testAnUpdateFileMergesIntoTheStoredRows() async throws {
        try importFiles(portfolio, into: postgres)
        try importFiles(portfolio, into: cli.databaseOption)
        let updates: [(String, [String])] = [
            ("customers", [customers[0], customers[1], "C2,Tom Lee,,85291234567,tom@example.com,,,Asia/Hong_Kong,en,C", "C4,李雷,,,,,,,,E"]),
            ("accounts", [accounts[0], "A1,C1,credit_card,CNY,9000.00,2025-10-01", "A5,C4,credit_card,CNY,50.00,2026-01-01"]),
            ("dues", [dues[0], "A1,2026-02-05,300.00,25.00,10.00", "A5,2026-02-01,50.00,0,0"]),
            ("payments", [payments[0], payments[1], "P3,A5,2026-02-01,50.00,CNY,alipay"]),
        ]
        try importFiles(updates, into: postgres)
        try importFiles(updates, into: cli.databaseOption)
        let merged = try await dump(postgresURL)
        let mergedBySQLite = try await dump(.sqlite(path: cli.directory.appendingPathComponent("cli.sqlite").path))
        XCTAssertEqual(merged, mergedBySQLite)
        XCTAssertEqual(merged["customers"]?.map { String($0.prefix(while: { $0 != "|" })) }, ["C1", "C2", "C3", "C4"])
        let c2 = merged["customers"]?.first { $0.hasPrefix("C2|") }?.split(separator: "|", omittingEmptySubsequences: false).map(String.init) ?? []
        XCTAssertEqual(c2.count, 13)
        XCTAssertEqual(c2.prefix(3), ["C2", "Tom Lee", "∅"])
        XCTAssertNotEqual(c2.dropFirst(3).first, "∅", "the mobile number the update added is stored")
        XCTAssertEqual(c2.dropFirst(5).first, "∅", "the address the update left empty is cleared")
        XCTAssertEqual(c2.dropFirst(9).first, "C")
        XCTAssertTrue(merged["accounts"]?.contains("A1|C1|credit_card|CNY|900000|2025-10-01|∅") == true, "\(merged["accounts"] ?? [])")
        XCTAssertTrue(merged["dues"]?.contains("A1|2026-02-05|30000|2500|1000") == true, "\(merged["dues"] ?? [])")
        XCTAssertEqual(merged["dues"]?.count, 6)
        XCTAssertEqual(merged["payments"]?.count, 3)
    }

    func testABadRowIsNamedAndNothingIsWritten() async throws {
        // A first load: the table is empty, the rows would go straight into it.
        try importFiles([("customers", customers)], into: postgres)
        let badAccounts = try cli.file("bad-accounts.csv", [
            accounts[0], "A1,C1,credit_card,CNY,8000.00,2025-10-01", "A2,C404,personal_loan,JPY,500000,2025-09-01",
            "A3,C1,corporate_loan,CNY,ten,2025-01-01",
        ])
        let rejected = try cli.run(["import", "accounts", badAccounts] + postgres)
        XCTAssertEqual(rejected.status, 1)
        XCTAssertEqual(rejected.stdout, "")
        XCTAssertEqual(rejected.stderrLines.count, 3, rejected.stderr)
        XCTAssertTrue(rejected.stderrLines.first?.hasPrefix("\(badAccounts):4: principal: 'ten' is not a decimal number") == true, rejected.stderr)
        XCTAssertEqual(rejected.stderrLines.dropFirst().first, "\(badAccounts):3: customer_id: unknown customer 'C404'; import it in customers first")
        XCTAssertEqual(rejected.stderrLines.last, "arrears: \(badAccounts): rejected with 2 errors; nothing from this file was stored")
        var stored = try await dump(postgresURL)
        XCTAssertEqual(stored["accounts"], [])
        let indexesAfterRejection = try await indexes()
        XCTAssertTrue(indexesAfterRejection.contains { $0.contains("accounts_customer_id") }, "a rejected first load keeps the table's indexes")

        // An update: the rows would go through the staging table.
        try importFiles([("accounts", accounts)], into: postgres)
        let before = try await dump(postgresURL)
        let badUpdate = try cli.file("bad-update.csv", [accounts[0], "A1,C1,credit_card,CNY,9000.00,2025-10-01", "A9,C1,credit_card,CNY,1.00,2025-13-01"])
        let refused = try cli.run(["import", "accounts", badUpdate] + postgres)
        XCTAssertEqual(refused.status, 1)
        XCTAssertEqual(refused.stderrLines.count, 2, refused.stderr)
        XCTAssertTrue(refused.stderrLines[0].hasPrefix("\(badUpdate):3: opened_on: "), refused.stderr)
        stored = try await dump(postgresURL)
        XCTAssertEqual(stored, before, "the good row A1 of the rejected file was not merged either")
    }
}
