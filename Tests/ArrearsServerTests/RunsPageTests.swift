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

        let response = try await browser.get("/runs?lang=en")
        let html = response.body.string
        XCTAssertEqual(response.status, .ok)
        XCTAssertTrue(html.contains("<polyline points=\""), "two snapshot dates draw a line")
        XCTAssertTrue(html.contains(#"<tr data-cell="champion">"#))
        XCTAssertTrue(html.contains(#"<tr data-cell="challenger">"#))
        XCTAssertTrue(html.contains("<td>2026-06-30</td>"))
        XCTAssertTrue(html.contains("<td>2026-06-29</td><td>\(monday.strategyVersion)</td><td class=\"num\">\(monday.casesOpen)</td>"))
    }
}
