import ArrearsCore
import ArrearsStore
import SQLKit
import ArrearsTestSupport
import Foundation
import XCTest

final class PortfolioImporterTests: XCTestCase {
    static let customers = [
        "customer_id,name,id_number,mobile,email,address,region,time_zone,language,credit_rating",
        "C1,王芳,110101199003071234,13800138000,wang@example.cn,\"北京市朝阳区建国路 1 号, 5 楼\",北京,,zh-CN,B",
        "C2,John Smith,,+44 20 7946 0958,john@example.co.uk,\"1 High St\nLondon\",London,Europe/London,en,A",
    ]
    static let accounts = [
        "customer_id,account_id,product,currency,principal,opened_on",
        "C1,A1,credit_card,CNY,50000.00,2025-06-01",
        "C2,A2,personal_loan,JPY,300000,2025-07-15",
    ]
    static let dues = [
        "account_id,due_on,principal,interest,fees",
        "A1,2026-01-10,1000.00,50.25,0",
        "A1,2026-02-10,1000.00,45.00,",
        "A2,2026-01-15,25000,1200,0",
    ]
    static let payments = [
        "payment_id,account_id,paid_on,amount,currency,channel",
        "P1,A1,2026-01-10,1050.25,CNY,alipay",
        "P2,A2,2026-01-20,10000,JPY,bank_transfer",
    ]

    private func importGood(_ store: Store, _ files: CSVFiles) async throws {
        for (kind, lines) in [(ImportKind.customers, Self.customers), (.accounts, Self.accounts), (.dues, Self.dues), (.payments, Self.payments)] {
            let result = try await store.importCollecting(kind, files.write("\(kind.rawValue).csv", lines))
            XCTAssertFalse(result.rejected, "\(kind): \(result.issues)")
        }
    }

    func testGoodFilesImportWithExactAmounts() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            let counts = try await [store.count("customers"), store.count("accounts"), store.count("dues"), store.count("payments")]
            XCTAssertEqual(counts, [2, 2, 3, 2], name)
            let due = try await store.sql.raw("SELECT principal_minor, interest_minor, fees_minor FROM dues WHERE account_id = 'A1' AND due_on = '2026-01-10'").first()
            XCTAssertEqual(try due?.decode(column: "interest_minor", as: Int64.self), 5_025, name)
            let yen = try await store.sql.raw("SELECT principal_minor FROM accounts WHERE id = 'A2'").first()
            XCTAssertEqual(try yen?.decode(column: "principal_minor", as: Int64.self), 300_000, name)
            let customer = try await store.sql.raw("SELECT address, time_zone, language FROM customers WHERE id = 'C2'").first()
            XCTAssertEqual(try customer?.decode(column: "address", as: String.self), "1 High St\nLondon", name)
            let chinese = try await store.sql.raw("SELECT time_zone FROM customers WHERE id = 'C1'").first()
            XCTAssertEqual(try chinese?.decode(column: "time_zone", as: String.self), "Asia/Shanghai", name)
        }
    }

    func testImportingTheSameFilesAgainChangesNothing() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            let before = try await snapshot(store)
            try await importGood(store, files)
            let after = try await snapshot(store)
            XCTAssertEqual(before, after, name)
        }
    }

    func testChangedDueIsUpdatedNotDuplicated() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            let changed = try files.write("dues2.csv", ["account_id,due_on,principal,interest,fees", "A1,2026-01-10,1000.00,60.00,5"])
            let result = try await store.importCollecting(.dues, changed)
            XCTAssertFalse(result.rejected, name)
            let duesCount = try await store.count("dues")
            XCTAssertEqual(duesCount, 3, name)
            let due = try await store.sql.raw("SELECT interest_minor, fees_minor FROM dues WHERE account_id = 'A1' AND due_on = '2026-01-10'").first()
            XCTAssertEqual(try due?.decode(column: "interest_minor", as: Int64.self), 6_000, name)
        }
    }

    func testFileWithAnyBadRowIsRejectedWholeWithEveryError() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            let bad = try files.write("bad-dues.csv", [
                "account_id,due_on,principal,interest,fees",
                "A1,2026-03-10,1000.00,0,0",
                "A1,2026-02-30,1000.00,0,0",
                "A9,2026-03-10,10.00,0,0",
                "A1,2026-04-10,12.345,0,0",
                "A2,2026-04-15,100.5,0,0",
                "A1,2026-03-10,5.00,0,0",
                "A1,2026-05-10,abc,0,0",
                "A1,2026-06-10,1.00,0",
            ])
            let result = try await store.importCollecting(.dues, bad)
            XCTAssertTrue(result.rejected, name)
            XCTAssertEqual(result.issues.sorted(), [
                "\(bad):3: due_on: '2026-02-30' is not a date YYYY-MM-DD",
                "\(bad):4: account_id: unknown account 'A9'; import it in accounts first",
                "\(bad):5: principal: '12.345' has more than 2 decimals for the currency",
                "\(bad):6: principal: '100.5' has decimals but the currency has no minor unit",
                "\(bad):7: account_id: duplicate account_id and due_on 'A1 2026-03-10' in the file (first on row 2)",
                "\(bad):8: principal: 'abc' is not a decimal number (expected digits with an optional '.', such as 1234.56)",
                "\(bad):9: has 4 fields but the header has 5",
            ].sorted(), name)
            let duesCount = try await store.count("dues")
            XCTAssertEqual(duesCount, 3, "nothing from the rejected file is stored (\(name))")
        }
    }

    /// A first load into an empty table builds its indexes at the end (on SQLite): afterwards they
    /// are all there as the migrations defined them, after a good file and after a rejected one.
    func testAFirstLoadLeavesTheTablesIndexedAsTheMigrationsMadeThem() async throws {
        try await TestDatabases.each { store, name in
            guard store.dialect == .sqlite else { return }
            let schema = "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
            func indexes() async throws -> [String] {
                try await store.sql.raw(SQLQueryString(schema)).all().map {
                    [try $0.decode(column: "tbl_name", as: String.self), try $0.decode(column: "name", as: String.self),
                     try $0.decode(column: "sql", as: String?.self) ?? ""].joined(separator: " ")
                }
            }
            let before = try await indexes()
            XCTAssertTrue(before.contains { $0.hasPrefix("customers customers_mobile_hash ") }, "\(before)")
            XCTAssertTrue(before.contains { $0.hasPrefix("payments payments_account_paid_on ") }, "\(before)")
            let files = try CSVFiles(); defer { files.remove() }
            let rejected = try await store.importCollecting(.customers, files.write("bad.csv", Self.customers + ["C3,李四,,,,,,,zh-CN,Z"]))
            XCTAssertTrue(rejected.rejected, name)
            let afterRejected = try await indexes()
            XCTAssertEqual(afterRejected, before, "a rejected first load leaves the indexes as they were")
            try await importGood(store, files)
            let after = try await indexes()
            XCTAssertEqual(after, before, "every index is back, defined the same way")
            let plan = try await store.sql.raw("EXPLAIN QUERY PLAN SELECT id FROM customers WHERE mobile_hash = 'x'").all()
                .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; ")
            XCTAssertTrue(plan.contains("customers_mobile_hash"), plan)
        }
    }

    func testAccountForUnknownCustomerAndUnknownProductAreErrors() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            let bad = try files.write("bad-accounts.csv", [
                "account_id,customer_id,product,currency,principal,opened_on",
                "A3,C1,credit_card,CNY,100.00,2025-01-01",
                "A4,C404,credit_card,CNY,100.00,2025-01-01",
                "A5,C1,mortgage,CNY,100.00,2025-01-01",
                "A6,C1,credit_card,CNY,100.00,01/01/2025",
            ])
            let result = try await store.importCollecting(.accounts, bad)
            XCTAssertTrue(result.rejected, name)
            XCTAssertEqual(result.issues, [
                "\(bad):4: product: 'mortgage' is not one of credit_card, personal_loan, corporate_loan",
                "\(bad):5: opened_on: '01/01/2025' is not a date YYYY-MM-DD",
                "\(bad):3: customer_id: unknown customer 'C404'; import it in customers first",
            ], name)
            let accountsCount = try await store.count("accounts")
            XCTAssertEqual(accountsCount, 2, name)
        }
    }

    /// The first accounts file (none stored yet) is checked against every stored customer at
    /// once, batch after batch while earlier batches are written: an unknown customer in a late
    /// batch still rejects the whole file, and a good file lands whole.
    func testFirstAccountsFileIsCheckedAcrossBatches() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            let customers = try files.write("customers.csv", ["customer_id,name,credit_rating"] + (1...30).map { "C\($0),客户\($0),B" })
            _ = try await PortfolioImporter(store: store).importFile(.customers, path: customers) { _ in }
            var importer = PortfolioImporter(store: store)
            importer.batchSize = 7
            let header = "account_id,customer_id,product,currency,principal,opened_on"
            let bad = try files.write("accounts-bad.csv", [header] + (1...40).map { "A\($0),C\($0 == 38 ? 404 : $0 % 30 + 1),credit_card,CNY,100.00,2025-01-01" })
            let issues = IssueLines()
            do {
                _ = try await importer.importFile(.accounts, path: bad) { issues.add($0.description) }
                XCTFail("\(name): an unknown customer rejects the file")
            } catch is ImportRejected {}
            XCTAssertEqual(issues.lines, ["\(bad):39: customer_id: unknown customer 'C404'; import it in customers first"], name)
            let none = try await store.count("accounts")
            XCTAssertEqual(none, 0, "\(name): nothing of a rejected file is stored")
            let good = try files.write("accounts.csv", [header] + (1...40).map { "A\($0),C\($0 % 30 + 1),credit_card,CNY,100.00,2025-01-01" })
            let summary = try await importer.importFile(.accounts, path: good) { issues.add($0.description) }
            XCTAssertEqual(summary.rows, 40, name)
            let all = try await store.count("accounts")
            XCTAssertEqual(all, 40, name)
        }
    }

    /// Dues and payments are read many rows at a time on every core: the errors of a large batch
    /// still come in file order, each row's in the order of its checks, and a good large file
    /// lands whole.
    func testLargeBatchesReportErrorsInFileOrder() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            var importer = PortfolioImporter(store: store)
            importer.batchSize = 3_000
            let dues = (0..<2_400).map { i in "A1,\(LocalDate(daysSinceEpoch: 20_000 + i)),\(i).00,1.00,0" }
            var bad = dues
            bad[699] = "A1,\(LocalDate(daysSinceEpoch: 20_699)),12.345,1.00,0"
            bad[1499] = "A9,\(LocalDate(daysSinceEpoch: 21_499)),1.00,x,0"
            bad[1899] = bad[5]
            let badPath = try files.write("dues-bad.csv", ["account_id,due_on,principal,interest,fees"] + bad)
            let issues = IssueLines()
            do {
                _ = try await importer.importFile(.dues, path: badPath) { issues.add($0.description) }
                XCTFail("\(name): the file has errors")
            } catch is ImportRejected {}
            XCTAssertEqual(issues.lines, [
                "\(badPath):701: principal: '12.345' has more than 2 decimals for the currency",
                "\(badPath):1501: account_id: unknown account 'A9'; import it in accounts first",
                "\(badPath):1501: interest: 'x' is not a decimal number (expected digits with an optional '.', such as 1234.56)",
                "\(badPath):1901: account_id: duplicate account_id and due_on 'A1 \(LocalDate(daysSinceEpoch: 20_005))' in the file (first on row 7)",
            ], name)
            let good = try files.write("dues-many.csv", ["account_id,due_on,principal,interest,fees"] + dues)
            let summary = try await importer.importFile(.dues, path: good) { issues.add($0.description) }
            XCTAssertEqual(summary.rows, 2_400, name)
            let stored = try await store.sql.raw("SELECT COUNT(*) AS n, CAST(SUM(principal_minor) AS BIGINT) AS p FROM dues WHERE account_id = 'A1' AND due_on >= \(bind: LocalDate(daysSinceEpoch: 20_000).description)").first()
            XCTAssertEqual(try stored?.decode(column: "n", as: Int.self), 2_400, name)
            XCTAssertEqual(try stored?.decode(column: "p", as: Int64.self), Int64((0..<2_400).reduce(0, +)) * 100, name)
        }
    }

    /// A file sorted by its key is checked for duplicates without hashing until the first key
    /// out of order; the keys before it are then hashed from the file, so a repeat of any of
    /// them, or of the row just before, is still found, across batches.
    func testDuplicatesAreFoundAfterALongRunOfAscendingKeys() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            var importer = PortfolioImporter(store: store)
            importer.batchSize = 500
            let id = { (n: Int) in "Q" + String(100_000 + n) }
            var lines = ["payment_id,account_id,paid_on,amount,currency,channel"]
            for n in 0..<1_800 { lines.append("\(id(n)),A1,2026-01-10,1.00,CNY,alipay") }
            var bad = lines
            bad.insert("\(id(1_199)),A1,2026-01-10,1.00,CNY,alipay", at: 1_201)
            bad.insert("\(id(3)),A1,2026-01-10,2.00,CNY,alipay", at: 1_700)
            bad.insert("too,few,fields", at: 900)
            let badPath = try files.write("payments-bad.csv", bad)
            let issues = IssueLines()
            do {
                _ = try await importer.importFile(.payments, path: badPath) { issues.add($0.description) }
                XCTFail("\(name): the file has duplicates")
            } catch is ImportRejected {}
            XCTAssertEqual(issues.lines, [
                "\(badPath):901: has 3 fields but the header has 6",
                "\(badPath):1203: payment_id: duplicate payment_id '\(id(1_199))' in the file (first on row 1202)",
                "\(badPath):1702: payment_id: duplicate payment_id '\(id(3))' in the file (first on row 5)",
            ], name)
            let stored = try await store.count("payments")
            XCTAssertEqual(stored, Self.payments.count - 1, "\(name): nothing of the rejected file is stored")
            let summary = try await importer.importFile(.payments, path: files.write("payments-sorted.csv", lines)) { issues.add($0.description) }
            XCTAssertEqual(summary.rows, 1_800, name)
            let afterGood = try await store.count("payments")
            XCTAssertEqual(afterGood, Self.payments.count - 1 + 1_800, name)
        }
    }

    func testPaymentIdComingAgainWithOtherContentIsAnError() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            try await importGood(store, files)
            let again = try files.write("payments-again.csv", [
                "payment_id,account_id,paid_on,amount,currency,channel",
                "P1,A1,2026-01-10,1050.25,CNY,alipay",
                "P2,A2,2026-01-20,9000,JPY,bank_transfer",
                "P3,A1,2026-02-11,10.00,USD,card",
            ])
            let result = try await store.importCollecting(.payments, again)
            XCTAssertTrue(result.rejected, name)
            XCTAssertEqual(result.issues, [
                "\(again):4: currency: 'USD' is not the account's currency CNY",
                "\(again):3: payment_id: 'P2' is already stored with other content (stored amount 10000); a payment id cannot be reused",
            ], name)
            let amount = try await store.sql.raw("SELECT amount_minor FROM payments WHERE id = 'P2'").first()
            XCTAssertEqual(try amount?.decode(column: "amount_minor", as: Int64.self), 10_000, name)
        }
    }

    func testHeaderMustNameTheRequiredColumnsAndNoUnknownOnes() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            let bad = try files.write("customers.csv", ["customer_id,nme,credit_rating", "C1,X,A"])
            let result = try await store.importCollecting(.customers, bad)
            XCTAssertTrue(result.rejected, name)
            XCTAssertEqual(result.issues, [
                "\(bad):1: nme: is not a column of customers files (expected customer_id, name, id_number, mobile, email, address, region, time_zone, language, credit_rating)",
                "\(bad):1: name: is missing from the header",
            ], name)
        }
    }

    func testLargeFileSpanningManyBatchesImportsEveryRow() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            var lines = ["customer_id,name,credit_rating"]
            for index in 0..<2_503 { lines.append("C\(index),客户\(index),C") }
            let result = try await store.importCollecting(.customers, files.write("many.csv", lines))
            XCTAssertFalse(result.rejected, name)
            let customersCount = try await store.count("customers")
            XCTAssertEqual(customersCount, 2_503, name)
            lines.append("C17,again,A")
            let duplicate = try await store.importCollecting(.customers, files.write("dup.csv", lines))
            XCTAssertEqual(duplicate.issues.count, 1, name)
            XCTAssertTrue(duplicate.issues[0].hasSuffix(":2505: customer_id: duplicate customer_id 'C17' in the file (first on row 19)"), duplicate.issues[0])
        }
    }

    private func snapshot(_ store: Store) async throws -> [String] {
        var out: [String] = []
        for (table, order) in [("customers", "id"), ("accounts", "id"), ("dues", "account_id, due_on"), ("payments", "id")] {
            for row in try await store.sql.raw("SELECT * FROM \(unsafeRaw: table) ORDER BY \(unsafeRaw: order)").all() {
                out.append(table + ":" + row.allColumns.map { column in
                    (try? row.decode(column: column, as: String?.self)).flatMap { $0 }
                        ?? (try? row.decode(column: column, as: Int64.self)).map(String.init) ?? "null"
                }.joined(separator: "|"))
            }
        }
        return out
    }
}

/// Issue lines collected from an import's report callback.
private final class IssueLines: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []
    func add(_ line: String) { lock.withLock { collected.append(line) } }
    var lines: [String] { lock.withLock { collected } }
}
