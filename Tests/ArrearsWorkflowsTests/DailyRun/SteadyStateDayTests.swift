import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsWorkflows
import SQLKit
import ArrearsTestSupport
import XCTest

/// The steady-state day (issue 28): a second consecutive day writes only what changed. Cases
/// whose decision stayed are not rewritten (their `updated_on` stays the first day's), only the
/// DPD of those whose DPD alone moved is updated, and every case still shows what the day
/// decided, as a full rewrite would.
final class SteadyStateDayTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let first = LocalDate(iso: "2026-06-30")!
    static let second = LocalDate(iso: "2026-07-01")!

    private func run(_ store: Store, _ date: LocalDate) async throws -> DailyRunSummary {
        let config = Self.packageRoot.appendingPathComponent("config").path
        let strategy = try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
        let policy = try PolicyConfig.load(fromDirectory: config)
        return try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                                  policy: policy).run(date)
    }

    private func loadPortfolio(_ store: Store) async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try PortfolioGenerator(customers: 400, seed: 5, asOf: Self.first).write(to: directory)
        for kind in ImportKind.allCases {
            let result = try await store.importCollecting(kind, directory.appendingPathComponent("\(kind.rawValue).csv").path)
            XCTAssertFalse(result.rejected, "\(result.issues.prefix(3))")
        }
    }

    func testSecondDayRewritesNoUnchangedCaseAndCasesShowTheDaysDecisions() async throws {
        try await TestDatabases.each { store, name in
            try await loadPortfolio(store)
            let firstDay = try await run(store, Self.first)
            XCTAssertEqual(firstDay.casesWritten?.full, firstDay.casesOpened, "the first day writes every case it opens (\(name))")

            let secondDay = try await run(store, Self.second)
            let writes = try XCTUnwrap(secondDay.casesWritten, name)
            let carried = firstDay.casesOpen - secondDay.casesClosed
            XCTAssertEqual(writes.full + writes.daysPastDueOnly + writes.unchanged, carried + secondDay.casesOpened, name)
            XCTAssertGreaterThan(writes.daysPastDueOnly, carried / 2, "most open cases only moved their DPD by a day (\(name))")
            XCTAssertLessThan(writes.full, secondDay.casesOpen / 2, "\(writes) (\(name))")

            // What was not written in full keeps the first day's updated_on: the day touched no other column of it.
            let rewritten = try await store.scalar("SELECT COUNT(*) AS n FROM cases WHERE status = 'open' AND updated_on = '\(Self.second)'")
            XCTAssertEqual(rewritten, writes.full, name)
            let kept = try await store.scalar("SELECT COUNT(*) AS n FROM cases WHERE status = 'open' AND updated_on = '\(Self.first)'")
            XCTAssertEqual(kept, writes.daysPastDueOnly + writes.unchanged, name)

            // Each open case shows the day's decision: its DPD is its worst collectable account's
            // (the generated portfolio has no arrangement holding an account), its bucket that DPD's,
            // and where it has an action today, the same segment, cell, bucket and DPD as the action.
            let arrangements = try await store.scalar("SELECT COUNT(*) AS n FROM arrangements")
            XCTAssertEqual(arrangements, 0, name)
            let stale = try await store.scalar("""
                SELECT COUNT(*) AS n FROM cases k WHERE k.status = 'open' AND k.dpd <> (
                    SELECT MAX(p.dpd) FROM account_positions p JOIN accounts a ON a.id = p.account_id
                    WHERE a.customer_id = k.customer_id AND p.dpd > 0 AND (a.written_off_on IS NULL OR a.written_off_on > '\(Self.second)'))
                """)
            XCTAssertEqual(stale, 0, "every open case's DPD is today's (\(name))")
            var checked = 0
            for row in try await store.sql.raw("SELECT dpd, bucket FROM cases WHERE status = 'open'").all() {
                let dpd = try row.decode(column: "dpd", as: Int.self)
                XCTAssertEqual(try row.decode(column: "bucket", as: String.self), BucketScheme.standard.bucket(forDaysPastDue: dpd).name, name)
                checked += 1
            }
            XCTAssertEqual(checked, secondDay.casesOpen, name)
            let differing = try await store.scalar("""
                SELECT COUNT(*) AS n FROM actions x JOIN cases k ON k.id = x.case_id
                WHERE x.business_date = '\(Self.second)' AND (k.dpd <> x.dpd OR k.bucket <> x.bucket OR k.segment <> x.segment OR k.cell <> x.cell)
                """)
            XCTAssertEqual(differing, 0, "a case shows the segment, cell, bucket and DPD its action of the day was decided on (\(name))")
            XCTAssertGreaterThan(secondDay.actions, 0, name)
        }
    }
}
