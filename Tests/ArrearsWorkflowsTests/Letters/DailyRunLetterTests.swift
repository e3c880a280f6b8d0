import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// The daily run's `letter` treatments become collection letters (issue 24, "Letters"), on SQLite
/// and PostgreSQL: one letter record a case and day, with its template, the customer's language
/// and the amounts of the day; no task; a customer the pack forbids letters to gets none; running
/// the day again makes no second letter.
final class DailyRunLetterTests: XCTestCase {
    static let config = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("config").path
    static let day = LocalDate(iso: "2026-12-07")!

    /// L1 (zh-CN) and L2 (en) owe 300.00 CNY due on 1 October (67 days past due on the 7th), too
    /// little for a visit: the strategy's collection letter. L3 is the same but deceased.
    private func load(_ store: Store) async throws {
        let files = try CSVFiles()
        defer { files.remove() }
        for (kind, lines) in [
            (ImportKind.customers, ["customer_id,name,address,language,credit_rating", "L1,王芳,上海市黄浦区南京东路100号,zh-CN,C",
                                    "L2,John Smith,\"12 High Street, Flat 3, Shanghai\",en,C", "L3,李雷,北京市朝阳区建国路1号,zh-CN,C"]),
            (.accounts, ["account_id,customer_id,product,currency,principal,opened_on", "A1,L1,personal_loan,CNY,3000,2026-01-01",
                         "A2,L2,personal_loan,CNY,3000,2026-01-01", "A3,L3,personal_loan,CNY,3000,2026-01-01"]),
            (.dues, ["account_id,due_on,principal,interest,fees", "A1,2026-10-01,280.00,15.00,5.00", "A2,2026-10-01,280.00,15.00,5.00",
                     "A3,2026-10-01,280.00,15.00,5.00"]),
        ] {
            let result = try await store.importCollecting(kind, try files.write("\(kind.rawValue).csv", lines))
            XCTAssertFalse(result.rejected, "\(result.issues)")
        }
        _ = try await store.transaction { database in
            try await ContactRecords.addFlag(CustomerFlag(kind: .deceased), customerId: "L3", note: "death certificate", by: "test", on: database)
        }
    }

    private func run(_ store: Store) async throws -> DailyRunSummary {
        let policy = try PolicyConfig.load(fromDirectory: Self.config)
        let strategy = try StrategyConfig.load(path: Self.config + "/strategy.yaml", buckets: .standard)
        return try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: Self.config),
                                  policy: policy).run(Self.day)
    }

    func testALetterTreatmentMakesOneLetterRecordInTheCustomersLanguageAndNoTask() async throws {
        try await TestDatabases.each { store, database in
            try await load(store)
            let summary = try await run(store)
            XCTAssertEqual(summary.byTreatment["collection_letter"], 3, "\(database): \(summary.byTreatment)")
            XCTAssertEqual(summary.lettersQueued, 2, database)
            let letters = try await LetterRecords.letters(of: Self.day, on: store.sql)
            XCTAssertEqual(letters.map(\.id), ["LTR-L1-20261207", "LTR-L2-20261207"], database)
            XCTAssertEqual(letters.map(\.language), ["zh-CN", "en"], database)
            for letter in letters {
                XCTAssertEqual(letter.template, "collection_letter", database)
                XCTAssertEqual(letter.status, "queued", database)
                XCTAssertEqual(letter.overdueMinor, 30_000, database)
                XCTAssertEqual(letter.currency, "CNY", database)
                XCTAssertEqual(letter.dpd, 67, database)
                XCTAssertEqual(letter.dueOn, "2026-10-01", database)
            }
            let tasks = try await store.scalar("SELECT COUNT(*) AS n FROM actions WHERE channel = 'letter' AND status = 'created' AND assigned_to IS NOT NULL")
            XCTAssertEqual(tasks, 0, "\(database): a letter is printed, not handed to a person")
            let blocked = try await store.sql.raw("SELECT status, rule FROM actions WHERE customer_id = 'L3'").first()
            XCTAssertEqual(try blocked?.decode(column: "status", as: String.self), "blocked", database)
            XCTAssertEqual(try blocked?.decode(column: "rule", as: String?.self), "universal.deceased", database)

            // Running the day again, even forced past its completion mark, makes no second letter.
            _ = try await run(store)
            try await store.sql.raw("DELETE FROM run_days").run()
            _ = try await run(store)
            let count = try await store.count("letters")
            XCTAssertEqual(count, 2, database)
        }
    }
}
