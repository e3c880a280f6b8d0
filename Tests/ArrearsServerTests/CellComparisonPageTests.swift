import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The champion/challenger table of `/analytics` as a strategy manager reads it, on both
/// databases: one primary measure, Holm-corrected p-values, secondaries marked, and "not enough
/// data yet" with the cases each cell needs below the minimum sample (docs/kpis.md).
final class CellComparisonPageTests: XCTestCase {
    private static let june = "from=2026-06-01&to=2026-06-30"

    /// A strategy manager's browser on a server whose strategy compares cells as `plan` says.
    private func each(_ plan: ComparisonPlan, _ body: (Store, Browser, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            let context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost),
                                        analytics: AnalyticsSettings(comparison: plan))
            let app = try await buildApplication(context, environment: .testing)
            do {
                let browser = try await SecurityFixture(store: store, app: app).signedIn(.strategyManager)
                try await body(store, browser, database)
            } catch {
                try await app.asyncShutdown()
                throw error
            }
            try await app.asyncShutdown()
        }
    }

    /// One case of `cell` per entry, each customer owing 1,000.00 since 2026-05-01 with the case
    /// opened on 05-10; an entry's `paid` (minor units) is paid on 06-05, and `cured` cases close
    /// cured on 06-20.
    private func write(_ cases: [(cell: String, paid: Int64, cured: Bool)], into store: Store) async throws {
        let writer = BulkWriter(database: store.sql)
        let ids = cases.indices.map { String(format: "%04d", $0) }
        func text(_ values: String?...) -> [BulkValue] { values.map(BulkValue.optional) }
        try await writer.insert(BulkInsert(table: "customers", columns: ["id", "name", "region", "time_zone", "language", "credit_rating"],
                                           key: ["id"], onConflict: .fail),
                                ids.map { text("C\($0)", "客户\($0)", "上海", "Asia/Shanghai", "zh-CN", "B") })
        try await writer.insert(BulkInsert(table: "accounts", columns: ["id", "customer_id", "product", "currency", "principal_minor", "opened_on"],
                                           key: ["id"], onConflict: .fail),
                                ids.map { text("A\($0)", "C\($0)", "personal_loan", "CNY") + [.integer(500_000), .text("2025-01-01")] })
        try await writer.insert(BulkInsert(table: "dues", columns: ["account_id", "due_on", "principal_minor", "interest_minor", "fees_minor"],
                                           key: ["account_id", "due_on"], onConflict: .fail),
                                ids.map { text("A\($0)", "2026-05-01") + [.integer(100_000), .integer(0), .integer(0)] })
        let paying = zip(ids, cases).filter { $0.1.paid > 0 }
        if !paying.isEmpty {
            try await writer.insert(BulkInsert(table: "payments", columns: ["id", "account_id", "paid_on", "amount_minor", "currency", "channel"],
                                               key: ["id"], onConflict: .fail),
                                    paying.map { id, entry in text("P\(id)", "A\(id)", "2026-06-05") + [.integer(entry.paid), .text("CNY"), .text("transfer")] })
        }
        try await writer.insert(BulkInsert(table: "cases", columns: ["id", "customer_id", "status", "opened_on", "closed_on", "close_reason", "segment",
                                                                     "cell", "dpd", "bucket", "currency", "overdue_minor", "updated_on"],
                                           key: ["id"], onConflict: .fail),
                                zip(ids, cases).map { id, entry in
                                    text("K\(id)", "C\(id)", entry.cured ? "closed" : "open", "2026-05-10", entry.cured ? "2026-06-20" : nil,
                                         entry.cured ? "cured" : nil, "standard", entry.cell)
                                        + [.integer(40), .text("31-60"), .text("CNY"), .integer(100_000), .text("2026-06-20")]
                                })
    }

    /// The `<tr>` of `cell` in the cells table.
    private func row(_ html: String, _ cell: String) throws -> String {
        let start = try XCTUnwrap(html.range(of: #"<tr data-cell="\#(cell)">"#), "no row for \(cell)")
        let end = try XCTUnwrap(html[start.upperBound...].range(of: "</tr>"))
        return String(html[start.lowerBound..<end.upperBound])
    }

    func testSmallCellsSayNotEnoughDataYetAndHowManyCasesEachNeeds() async throws {
        // Champion: 12 cases, half paying 800.00 of 1,000.00 (recovery 40%); challenger: 8
        // cases paying 1,000.00 or 200.00 by turns (60%). Below 30 cases, no interval and no
        // verdict; the recovery rate's per-case variances (0.17455 and 0.18286) say 71 cases a cell.
        let cases = (0..<12).map { (cell: "champion", paid: Int64($0 % 2 == 0 ? 80_000 : 0), cured: false) }
            + (0..<8).map { (cell: "challenger", paid: Int64($0 % 2 == 0 ? 100_000 : 20_000), cured: false) }
        try await each(.standard) { store, browser, database in
            try await write(cases, into: store)
            let html = try await browser.get("/analytics?lang=en&\(Self.june)").body.string
            let challenger = try row(html, "challenger")
            XCTAssertTrue(challenger.contains(#"<td data-verdict="not_enough_data">Not enough data yet. To detect the difference seen at 80% power, each cell needs about 71 cases (this cell has 8, the champion 12).</td>"#),
                          "\(database): \(challenger)")
            XCTAssertTrue(challenger.contains(#"<td class="num">60.0%</td>"#), "\(database): the rate without an interval")
            XCTAssertFalse(challenger.contains("["), "\(database): no interval from 8 cases")
            XCTAssertTrue(try row(html, "champion").contains(#"<td class="num">40.0%</td>"#), database)
            XCTAssertTrue(html.contains("<th class=\"num\">Recovery rate (primary)</th><th class=\"num\">Cure rate (secondary)</th>"), database)
            XCTAssertTrue(html.contains("from 30 cases on"), "\(database): the minimum is said")
            XCTAssertFalse(html.contains(#"<svg id="cell-comparison""#), "\(database): no interval to draw")

            let chinese = try await browser.get("/analytics?lang=zh-CN&\(Self.june)").body.string
            let chineseRow = try row(chinese, "challenger")
            XCTAssertTrue(chineseRow.contains("数据尚不足。要以 80% 的检验效能发现目前所见的差异，每组约需 71 个案件（本组 8 个案件，冠军组 12 个案件）。"),
                          database)
            XCTAssertTrue(chineseRow.contains("<td>治愈率：数据尚不足；承诺兑现率：数据尚不足</td>"), "\(database): \(chineseRow)")
        }
    }

    func testThePrimaryMeasureDecidesWithHolmsCorrectionAcrossTheChallengers() async throws {
        // Cure rate chosen as primary: champion 100/400, a 160/400, b 110/400. b alone has
        // p = 0.4217; a's p is far below 0.001, and Holm multiplies it by 2 and leaves b's as it is.
        // Every cell recovers 12.5% (a quarter of its cases pay half), a secondary with p = 1.
        func cells(_ cell: String, cured: Int) -> [(cell: String, paid: Int64, cured: Bool)] {
            (0..<400).map { (cell: cell, paid: $0 % 4 == 0 ? 50_000 : 0, cured: $0 < cured) }
        }
        try await each(ComparisonPlan(primary: .cureRate)) { store, browser, database in
            try await write(cells("champion", cured: 100) + cells("a", cured: 160) + cells("b", cured: 110), into: store)
            let html = try await browser.get("/analytics?lang=en&\(Self.june)").body.string
            XCTAssertTrue(html.contains("<th class=\"num\">Recovery rate (secondary)</th><th class=\"num\">Cure rate (primary)</th>"), database)
            XCTAssertTrue(html.contains("p-value (cure rate, Holm)"), database)
            XCTAssertTrue(html.contains("across the 2 challenger(s)"), database)
            let a = try row(html, "a"), b = try row(html, "b")
            XCTAssertTrue(a.contains(#"<td class="num">&lt; 0.001</td><td data-verdict="significant">significantly higher than the champion</td>"#), "\(database): \(a)")
            XCTAssertTrue(a.contains(#"<td class="num">40.0% [35.3%, 44.9%]</td>"#), "\(database): the Wilson interval of 160/400: \(a)")
            XCTAssertTrue(b.contains(#"<td class="num">0.422</td><td data-verdict="not_significant">not significant</td>"#), "\(database): \(b)")
            XCTAssertTrue(b.contains("recovery rate p = 1.000; promise-kept rate: not enough data yet"), "\(database): secondaries marked: \(b)")
            XCTAssertTrue(try row(html, "champion").contains(#"<td data-verdict="champion">–</td>"#), database)
        }
    }
}
