import ArrearsCore
@testable import ArrearsStore
import SQLKit
import ArrearsTestSupport
import XCTest

final class PositionRepositoryTests: XCTestCase {
    /// A random portfolio written as CSV, with the core's answer for each account kept beside it.
    struct RandomPortfolio {
        var customers = ["customer_id,name,credit_rating"]
        var accounts = ["account_id,customer_id,product,currency,principal,opened_on"]
        var dues = ["account_id,due_on,principal,interest,fees"]
        var payments = ["payment_id,account_id,paid_on,amount,currency,channel"]
        var coreDues: [String: [Due]] = [:]
        var corePayments: [String: [PaymentAmount]] = [:]

        init(accounts count: Int, seed: UInt64) {
            var random = SeededGenerator(seed: seed)
            let start = LocalDate(iso: "2026-01-01")!
            var paymentNumber = 0
            for index in 0..<count {
                let id = "A\(index)"
                customers.append("C\(index),客户\(index),B")
                let yen = index % 10 == 0
                let currency = yen ? "JPY" : "CNY"
                let digits = yen ? 0 : 2
                accounts.append("\(id),C\(index),personal_loan,\(currency),1000,2025-12-01")
                var accountDues: [Due] = []
                var day = start.adding(days: Int(random.next() % 20))
                for _ in 0..<Int(random.next() % 7) {
                    let due = Due(dueOn: day, principal: Int64(random.next() % 50_000), interest: Int64(random.next() % 3_000), fees: Int64(random.next() % 2) * 500)
                    accountDues.append(due)
                    dues.append("\(id),\(day),\(DecimalAmount.format(due.principal, minorDigits: digits)),\(DecimalAmount.format(due.interest, minorDigits: digits)),\(DecimalAmount.format(due.fees, minorDigits: digits))")
                    day = day.adding(months: 1)
                }
                var accountPayments: [PaymentAmount] = []
                for _ in 0..<Int(random.next() % 5) {
                    let payment = PaymentAmount(paidOn: start.adding(days: Int(random.next() % 200)), amount: Int64(random.next() % 60_000) + 1)
                    accountPayments.append(payment)
                    paymentNumber += 1
                    payments.append("P\(paymentNumber),\(id),\(payment.paidOn),\(DecimalAmount.format(payment.amount, minorDigits: digits)),\(currency),card")
                }
                coreDues[id] = accountDues
                corePayments[id] = accountPayments
            }
        }

        func load(into store: Store) async throws {
            let files = try CSVFiles(); defer { files.remove() }
            for (kind, lines) in [(ImportKind.customers, customers), (.accounts, accounts), (.dues, dues), (.payments, payments)] {
                let result = try await store.importCollecting(kind, files.write("\(kind.rawValue).csv", lines))
                XCTAssertFalse(result.rejected, "\(result.issues.prefix(5))")
            }
        }
    }

    final class Rows: @unchecked Sendable {
        let lock = NSLock()
        var rows: [AccountPositionRow] = []
        func add(_ row: AccountPositionRow) { lock.withLock { rows.append(row) } }
    }

    func testDatabaseAgreesWithTheCoreOnEveryAccountAndDate() async throws {
        let portfolio = RandomPortfolio(accounts: 400, seed: 7)
        try await TestDatabases.each { store, name in
            try await portfolio.load(into: store)
            let repository = PositionRepository(store: store, buckets: .standard)
            for asOf in ["2026-01-01", "2026-01-15", "2026-02-10", "2026-04-01", "2026-09-30"].compactMap(LocalDate.init(iso:)) {
                let collected = Rows()
                try await repository.each(asOf: asOf) { collected.add($0) }
                XCTAssertEqual(collected.rows.count, 400, name)
                for row in collected.rows {
                    let core = AccountPosition(dues: portfolio.coreDues[row.accountId]!, payments: portfolio.corePayments[row.accountId]!, asOf: asOf)
                    XCTAssertEqual(row.dpd, core.daysPastDue, "\(name) \(row.accountId) \(asOf)")
                    XCTAssertEqual(row.overdueMinor, core.overdue, "\(name) \(row.accountId) \(asOf)")
                    XCTAssertEqual(row.outstandingMinor, core.outstanding, "\(name) \(row.accountId) \(asOf)")
                    XCTAssertEqual(row.bucket, BucketScheme.standard.bucket(forDaysPastDue: core.daysPastDue).name, "\(name) \(row.accountId)")
                }
            }
        }
    }

    /// On SQLite positions are computed by `PositionScan` over the raw connection; it must store
    /// exactly what the set-based statement stores, column by column, breathing spaces included.
    func testTheScanStoresWhatTheStatementStores() async throws {
        let portfolio = RandomPortfolio(accounts: 400, seed: 23)
        try await TestDatabases.each { store, name in
            try await portfolio.load(into: store)
            try await store.transaction { database in
                for customer in ["C3", "C40", "C41"] {
                    try await ContactRecords.addFlag(CustomerFlag(kind: .breathingSpace, from: LocalDate(iso: "2026-02-01"), until: LocalDate(iso: "2026-04-15")),
                                                     customerId: customer, note: nil, by: "test", on: database)
                }
            }
            let repository = PositionRepository(store: store, buckets: .standard)
            for asOf in ["2026-01-01", "2026-02-10", "2026-05-01", "2026-09-30"].compactMap(LocalDate.init(iso:)) {
                let fast = try await store.transaction { database in
                    try await repository.recompute(asOf: asOf, on: database, path: .fastest)
                    return try await Self.storedPositions(database)
                }
                let statement = try await store.transaction { database in
                    try await repository.recompute(asOf: asOf, on: database, path: .setBasedStatement)
                    return try await Self.storedPositions(database)
                }
                XCTAssertEqual(fast.count, 400, name)
                XCTAssertEqual(fast, statement, "\(name) \(asOf)")
                XCTAssertTrue(asOf.description == "2026-01-01" || fast.contains { !$0.contains("|current|") }, "some accounts are delinquent (\(name) \(asOf))")
            }
        }
    }

    /// The scan is taken on SQLite: the connection under a transaction is reachable. (If a new
    /// sqlite-nio hides it, recompute falls back to the statement and this test says so.)
    func testTheRawConnectionIsReachableOnSQLite() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("direct-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("direct.sqlite").path))
        let version = try await store.transaction { database in
            try await SQLiteDirect.run(on: database) { sqlite in
                let statement = try sqlite.prepare("SELECT sqlite_version()")
                _ = try statement.step()
                return statement.string(0)
            }
        }
        await store.shutdown()
        XCTAssertEqual(version?.hasPrefix("3."), true)
    }

    /// The scan rebuilds the positions' bucket and DPD indexes after writing the rows: they are
    /// there afterwards, as the migrations made them, and the pages' bucket lookups still use them.
    func testARecomputeLeavesThePositionsIndexedAsBefore() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("indexes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("indexes.sqlite").path))
        do {
            try await RandomPortfolio(accounts: 50, seed: 5).load(into: store)
            let schema = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'account_positions' ORDER BY name"
            let before = try await store.sql.raw(SQLQueryString(schema)).all().map { try $0.decode(column: "sql", as: String?.self) ?? "" }
            XCTAssertEqual(before.filter { $0.contains("\"bucket\"") || $0.contains("\"dpd\"") }.count, 2, "the migrations index bucket and DPD")
            let repository = PositionRepository(store: store, buckets: .standard)
            let stored = try await repository.recompute(asOf: LocalDate(iso: "2026-05-01")!)
            XCTAssertEqual(stored, 50)
            let after = try await store.sql.raw(SQLQueryString(schema)).all().map { try $0.decode(column: "sql", as: String?.self) ?? "" }
            XCTAssertEqual(after, before, "the same indexes, defined the same way")
            let plan = try await store.sql.raw("EXPLAIN QUERY PLAN SELECT account_id FROM account_positions WHERE bucket = '31-60'").all()
                .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; ")
            XCTAssertTrue(plan.contains("account_positions_bucket"), plan)
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    static func storedPositions(_ database: any SQLDatabase) async throws -> [String] {
        try await database.raw("""
            SELECT account_id, as_of, dpd, bucket, overdue_minor, outstanding_minor, credit_minor, oldest_unpaid_due_on FROM account_positions ORDER BY account_id
            """).all().map { row in
            [try row.decode(column: "account_id", as: String.self), try row.decode(column: "as_of", as: String.self),
             String(try row.decode(column: "dpd", as: Int.self)), try row.decode(column: "bucket", as: String.self),
             String(try row.decode(column: "overdue_minor", as: Int64.self)), String(try row.decode(column: "outstanding_minor", as: Int64.self)),
             String(try row.decode(column: "credit_minor", as: Int64.self)), try row.decode(column: "oldest_unpaid_due_on", as: String?.self) ?? ""]
                .joined(separator: "|")
        }
    }

    func testRecomputeStoresPositionsAndBucketTotals() async throws {
        let portfolio = RandomPortfolio(accounts: 200, seed: 11)
        try await TestDatabases.each { store, name in
            try await portfolio.load(into: store)
            let repository = PositionRepository(store: store, buckets: .standard)
            let asOf = LocalDate(iso: "2026-05-01")!
            let before = try await repository.storedAsOf()
            XCTAssertNil(before, name)
            let stored = try await repository.recompute(asOf: asOf)
            XCTAssertEqual(stored, 200, name)
            let again = try await repository.recompute(asOf: asOf)
            XCTAssertEqual(again, 200, "recomputing replaces, never adds (\(name))")
            let storedAsOf = try await repository.storedAsOf()
            XCTAssertEqual(storedAsOf, asOf, name)

            var expected: [String: (count: Int, overdue: Int64)] = [:]
            for (id, dues) in portfolio.coreDues {
                let core = AccountPosition(dues: dues, payments: portfolio.corePayments[id]!, asOf: asOf)
                let key = BucketScheme.standard.bucket(forDaysPastDue: core.daysPastDue).name + "/" + (Int(id.dropFirst())! % 10 == 0 ? "JPY" : "CNY")
                expected[key, default: (0, 0)].count += 1
                expected[key, default: (0, 0)].overdue += core.overdue
            }
            let totals = try await repository.bucketTotals()
            XCTAssertEqual(totals.count, expected.count, name)
            for total in totals {
                let key = total.bucket + "/" + total.currency
                XCTAssertEqual(total.accounts, expected[key]?.count, "\(name) \(key)")
                XCTAssertEqual(total.overdueMinor, expected[key]?.overdue, "\(name) \(key)")
            }
            let worst = try await repository.mostDelinquent(bucket: nil, limit: 10)
            XCTAssertEqual(worst.map(\.dpd), worst.map(\.dpd).sorted(by: >), name)
            XCTAssertTrue(worst.allSatisfy { $0.dpd > 0 }, name)
            let inBucket = try await repository.mostDelinquent(bucket: "31-60", limit: 1000)
            XCTAssertTrue(inBucket.allSatisfy { $0.bucket == "31-60" && (31...60).contains($0.dpd) }, name)
        }
    }
}
