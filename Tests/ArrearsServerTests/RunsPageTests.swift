import ArrearsCore
import ArrearsSampleData
import ArrearsServer
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTVapor

/// `/runs` shows the daily runs' history: the trend, the recent runs and the cells side by side.
final class RunsPageTests: XCTestCase {
    private var directory: URL!
    private var store: Store!
    private var app: Application!
    /// Signed in as a strategy manager, who compares the cells.
    private var browser: Browser!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-runs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try await Store.open(.sqlite(path: directory.appendingPathComponent("r.sqlite").path))
        let fixture = try await SecurityFixture.make(store)
        app = fixture.app
        browser = try await fixture.signedIn(.strategyManager)
    }

    override func tearDown() async throws {
        try await app.asyncShutdown()
        await store.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    func testBeforeAnyRunThePageSaysHowToStart() async throws {
        let response = try await browser.get("/runs?lang=en")
        XCTAssertEqual(response.status, .ok)
        XCTAssertTrue(response.body.string.contains("No daily run yet"))
    }

    func testShowsTrendRecentRunsAndBothCells() async throws {
        let monday = try await twoRuns()

        let response = try await browser.get("/runs?lang=en")
        let html = response.body.string
        XCTAssertEqual(response.status, .ok)
        XCTAssertTrue(html.contains("<polyline points=\""), "two snapshot dates draw a line")
        XCTAssertTrue(html.contains(#"<tr data-cell="champion">"#))
        XCTAssertTrue(html.contains(#"<tr data-cell="challenger">"#))
        XCTAssertTrue(html.contains("<td>2026-06-30</td>"))
        XCTAssertTrue(html.contains("<td>2026-06-29</td><td>\(monday.strategyVersion)</td><td class=\"num\">\(monday.casesOpen)</td>"))
    }

    /// Issue 25: `/runs` said 207 challenger cases where `/analytics` said 170, because `/runs`
    /// counted every case ever opened and `/analytics` the cases worked in its period. Both now
    /// count the cases worked in the same period, and say which period and what they count.
    /// 600 generated customers and the runs of 2026-06-29 and 2026-06-30; the first run's summary.
    @discardableResult
    private func twoRuns() async throws -> DailyRunSummary {
        let first = LocalDate(iso: "2026-06-29")!
        let data = directory.appendingPathComponent("data")
        _ = try PortfolioGenerator(customers: 600, seed: 3, asOf: first).write(to: data)
        for kind in ImportKind.allCases {
            _ = try await PortfolioImporter(store: store).importFile(kind, path: data.appendingPathComponent("\(kind.rawValue).csv").path) { XCTFail($0.description) }
        }
        let config = PortfolioPageTests.packageRoot + "/config"
        let run = DailyRun(store: store, strategy: try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard),
                           buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                           policy: try PolicyConfig.load(fromDirectory: config))
        let monday = try await run.run(first)
        _ = try await run.run(first.adding(days: 1))
        return monday
    }

    func testRunsAndAnalyticsCountTheSameCasesForTheSamePeriodAndSaySo() async throws {
        try await twoRuns()
        // A challenger case closed a year before the period: history, not the period's work.
        try await store.sql.raw("""
            INSERT INTO cases (id, customer_id, status, opened_on, closed_on, close_reason, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
            SELECT 'K-OLD', id, 'closed', '2025-05-01', '2025-06-01', 'cured', 'standard', 'challenger', 0, 'current', 'CNY', 0, '2025-06-01'
            FROM customers ORDER BY id LIMIT 1
            """).run()

        let runs = try await browser.get("/runs?lang=en").body.string
        let analytics = try await browser.get("/analytics?lang=en&by=cell").body.string
        func runsCases(_ cell: String) -> Int? {
            runs.components(separatedBy: "<tr data-cell=\"\(cell)\"><td>\(cell)</td><td class=\"num\">").dropFirst().first
                .flatMap { Int($0.prefix { $0.isNumber }) }
        }
        func analyticsCases(_ cell: String) -> Int {
            analytics.components(separatedBy: "<tr data-group=\"\(cell)\"><td>\(cell)</td>").dropFirst().compactMap { row in
                row.components(separatedBy: "<td class=\"num\">").dropFirst().first.flatMap { Int($0.prefix { $0.isNumber }) }
            }.reduce(0, +)
        }
        for cell in ["champion", "challenger"] {
            XCTAssertNotNil(runsCases(cell), cell)
            XCTAssertEqual(runsCases(cell), analyticsCases(cell), "\(cell): the same cases on both pages")
            XCTAssertGreaterThan(analyticsCases(cell), 0, cell)
        }
        let period = "2026-04-02 – 2026-06-30"
        XCTAssertTrue(runs.contains(period) && analytics.contains(period), "both state the period: the 90 days to the last run")
        for page in [runs, analytics] {
            XCTAssertTrue(page.contains("Recovery rate = payments in the period on the cases&#39; accounts after each case opened ÷ the overdue on those accounts on the day each case opened"))
            XCTAssertTrue(page.contains("A recovery rate can exceed 100%"), "a rate above 100% is explained")
        }
        let monthly = try await browser.get("/reports/monthly?lang=zh-CN").body.string
        XCTAssertTrue(monthly.contains("id=\"definitions\"") && monthly.contains("回收率 = 期间内"), "the monthly report says what it counts, in Chinese too")
    }

    /// Issue 25: "the printable monthly report loses its last four columns on A4". Printed, it is
    /// A4 landscape, and laid out as printed on the page's width (277 mm, 1,047 px) every table
    /// ends within it.
    func testTheMonthlyReportPrintsOnA4LandscapeWithNoTableCut() async throws {
        let chromium = try ChromiumLayout()
        defer { chromium.remove() }
        try await twoRuns()
        let report = try await browser.get("/reports/monthly?month=2026-06&lang=zh-CN").body.string
        XCTAssertTrue(report.contains("id=\"collectors\""))
        let measured = try chromium.measure(report, windowWidth: 1047, asPrinted: true, bodyWidth: 1047, script: """
            var widest = 0; document.querySelectorAll('main table').forEach(function (t) { widest = Math.max(widest, t.scrollWidth, Math.ceil(t.getBoundingClientRect().right)); });
            return String(widest);
            """)
        let widest = try XCTUnwrap(Int(measured), measured)
        XCTAssertLessThanOrEqual(widest, 1047, "the widest table fits the printed page")
        let pdf = try chromium.printed(report)
        XCTAssertTrue(pdf.contains("/MediaBox [0 0 841.91998 594.95996]"), "A4 landscape: 297 x 210 mm")
    }
}
