import ArrearsCore
import ArrearsSampleData
import ArrearsServer
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTVapor

/// `/analytics`, its CSV and `/reports/monthly`: the KPIs of a period with the trend, the
/// transition heat-map, the contact funnel, the cells side by side and the models' health.
final class AnalyticsPageTests: XCTestCase {
    private var directory: URL!
    private var store: Store!
    private var fixture: SecurityFixture!
    private var app: Application!
    /// Signed in as a strategy manager, who reads the KPIs.
    private var browser: Browser!
    private static let first = LocalDate(iso: "2026-06-29")!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-analytics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try await Store.open(.sqlite(path: directory.appendingPathComponent("a.sqlite").path))
        let config = PortfolioPageTests.packageRoot + "/config"
        let analytics = AnalyticsSettings(costs: try CostsConfig.load(fromDirectory: config), agents: try TeamsConfig.load(fromDirectory: config))
        let context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                    security: SecuritySettings(passwordCost: SecurityFixture.cost), analytics: analytics)
        app = try await buildApplication(context, environment: .testing)
        fixture = SecurityFixture(store: store, app: app)
        browser = try await fixture.signedIn(.strategyManager)
    }

    override func tearDown() async throws {
        try await app.asyncShutdown()
        await store.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// A portfolio, a pay30 model, daily runs on the last business day of May (a month-end
    /// snapshot) and on three days around June's, and a few contact attempts on the last day.
    private func liveThreeDays() async throws -> [DailyRunSummary] {
        let data = directory.appendingPathComponent("data")
        _ = try PortfolioGenerator(customers: 500, seed: 3, asOf: Self.first).write(to: data)
        for kind in ImportKind.allCases {
            _ = try await PortfolioImporter(store: store).importFile(kind, path: data.appendingPathComponent("\(kind.rawValue).csv").path) { XCTFail($0.description) }
        }
        let model = try await ModelTraining(target: .pay30, asOf: Self.first).train(on: store, actor: "analyst")
        _ = try await ModelRegistry(database: store.sql).activate(model.id, actor: "manager")
        let config = PortfolioPageTests.packageRoot + "/config"
        let run = DailyRun(store: store, strategy: try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard),
                           buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                           policy: try PolicyConfig.load(fromDirectory: config))
        var summaries: [DailyRunSummary] = []
        _ = try await run.run(LocalDate(iso: "2026-05-29")!)
        for day in 0..<3 { summaries.append(try await run.run(Self.first.adding(days: day))) }
        let customers = try await store.sql.raw("SELECT customer_id FROM cases ORDER BY customer_id LIMIT 4").all()
            .map { try $0.decode(column: "customer_id", as: String.self) }
        let outcomes: [ContactAttempt.Outcome] = [.noAnswer, .rightPartyContact, .promiseToPay, .noAnswer]
        let noon = ISO8601DateFormatter().date(from: "2026-07-01T04:00:00Z")!
        for (index, customer) in customers.enumerated() {
            let attempt = ContactRecords.NewAttempt(id: "att-\(index)", customerId: customer, channel: .call, contactPoint: "mobile",
                                                    at: noon, outcome: outcomes[index], note: nil)
            _ = try await ContactRecords.recordAttempt(attempt, breach: nil, by: "collector-1", on: store.sql)
        }
        return summaries
    }

    func testTheKPIsChartsCellsAndModelsOfAPeriod() async throws {
        let summaries = try await liveThreeDays()
        let response = try await browser.get("/analytics?lang=en&from=2026-06-29&to=2026-07-01")
        XCTAssertEqual(response.status, .ok)
        let html = response.body.string
        let worked = try await KPIReport.compute(KPIPeriod(from: Self.first, to: Self.first.adding(days: 2))!, by: nil,
                                                 costs: try CostsConfig.load(fromDirectory: PortfolioPageTests.packageRoot + "/config"), on: store)
            .first { $0.figures.currency == "CNY" }?.figures.casesWorked
        XCTAssertGreaterThanOrEqual(worked ?? 0, summaries[0].casesOpened)
        XCTAssertTrue(html.contains(#"<tr data-group="all"><td>all</td><td>CNY</td><td class="num">\#(worked ?? -1)</td>"#), "one overall line in CNY")
        XCTAssertTrue(html.contains(#"<svg id="delinquency-trend""#), "three snapshot dates draw the trend")
        XCTAssertTrue(html.contains(#"<svg id="transition-matrix""#), "May's month end to June's")
        XCTAssertTrue(html.contains(#"data-row="1-15" data-column="16-30""#), "every bucket pair has a cell")
        XCTAssertTrue(html.contains(#"<svg id="contact-funnel""#))
        XCTAssertTrue(html.contains(#"data-stage="Contact attempts""#))
        XCTAssertTrue(html.contains(#"<tr data-cell="champion">"#))
        XCTAssertTrue(html.contains(#"<tr data-cell="challenger">"#))
        XCTAssertTrue(html.contains(#"<tr data-model="pay30-v1"><td>pay30-v1</td><td>pay30</td><td>active</td>"#))
        XCTAssertTrue(html.contains(#"<svg id="psi-trend""#) && html.contains(#"data-series="pay30-v1""#), "the active model's daily PSI")
        XCTAssertFalse(html.contains("<script"), "no JavaScript")
    }

    /// The models table names each model's kind and what it gives up in hold-out AUC against the
    /// best model of its target, so a bank sees what the readable scorecard costs; in both languages.
    func testTheModelsShowTheirKindAndWhatEachGivesUpInAUC() async throws {
        let data = directory.appendingPathComponent("data")
        _ = try PortfolioGenerator(customers: 500, seed: 3, asOf: Self.first).write(to: data)
        for kind in ImportKind.allCases {
            _ = try await PortfolioImporter(store: store).importFile(kind, path: data.appendingPathComponent("\(kind.rawValue).csv").path) { XCTFail($0.description) }
        }
        var training = ModelTraining(target: .pay30, asOf: Self.first)
        let scorecard = try await ModelTraining(target: .pay30, asOf: Self.first).train(on: store, actor: "analyst")
        _ = try await ModelRegistry(database: store.sql).activate(scorecard.id, actor: "manager")
        training.kind = .gbm
        let boosted = try await training.train(on: store, actor: "analyst")
        let aucs = (scorecard: scorecard.definition.holdout.auc, boosted: boosted.definition.holdout.auc)
        XCTAssertNotEqual(aucs.scorecard, aucs.boosted, "the two kinds rank the hold-out differently")
        let best = max(aucs.scorecard, aucs.boosted)
        func cost(_ auc: Double, _ bestWord: String) -> String {
            auc < best ? String(format: "%.3f", auc - best).replacingOccurrences(of: "-", with: "−") : bestWord
        }
        for (language, words) in [("en", (scorecard: "scorecard", gbm: "boosted trees", best: "best", header: "AUC vs best")),
                                  ("zh", (scorecard: "评分卡", gbm: "梯度提升树", best: "最佳", header: "与最佳 AUC 之差"))] {
            let html = try await browser.get("/analytics?lang=\(language)&from=2026-06-29&to=2026-07-01").body.string
            XCTAssertTrue(html.contains("<th class=\"num\">\(words.header)</th>"), html)
            XCTAssertTrue(html.contains(#"<tr data-model="\#(scorecard.id)"><td>\#(scorecard.id)</td><td>pay30</td><td>active</td><td data-kind="scorecard">\#(words.scorecard)</td>"#), html)
            XCTAssertTrue(html.contains(#"<tr data-model="\#(boosted.id)"><td>\#(boosted.id)</td><td>pay30</td><td>candidate</td><td data-kind="gbm">\#(words.gbm)</td>"#), html)
            XCTAssertTrue(html.contains(String(format: "<td class=\"num\">%.3f</td><td class=\"num\" data-auc-cost>", aucs.scorecard) + cost(aucs.scorecard, words.best) + "</td>"), html)
            XCTAssertTrue(html.contains(String(format: "<td class=\"num\">%.3f</td><td class=\"num\" data-auc-cost>", aucs.boosted) + cost(aucs.boosted, words.best) + "</td>"), html)
        }
    }

    func testTheKPIsByCellAndAsCSV() async throws {
        _ = try await liveThreeDays()
        let byCell = try await browser.get("/analytics?lang=en&from=2026-06-29&to=2026-07-01&by=cell")
        XCTAssertTrue(byCell.body.string.contains(#"<tr data-group="champion">"#))
        XCTAssertTrue(byCell.body.string.contains(#"<tr data-group="challenger">"#))

        let csv = try await browser.get("/analytics/kpis.csv?from=2026-06-29&to=2026-07-01&by=cell")
        XCTAssertEqual(csv.status, .ok)
        XCTAssertEqual(csv.headers.first(name: .contentType), "text/csv; charset=utf-8")
        let lines = csv.body.string.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, KPIReportWriter.columns.joined(separator: ","))
        XCTAssertEqual(Set(lines.dropFirst().map { String($0.prefix { $0 != "," }) }), ["champion", "challenger"])
        let overall = try await KPIReport.compute(KPIPeriod(from: Self.first, to: Self.first.adding(days: 2))!, by: .cell,
                                                  costs: try CostsConfig.load(fromDirectory: PortfolioPageTests.packageRoot + "/config"), on: store)
        XCTAssertEqual(Array(lines.dropFirst()), overall.map { KPIReportWriter.values($0).joined(separator: ",") })
    }

    func testTheMonthlyReportIsAPrintablePageOfTheMonth() async throws {
        _ = try await liveThreeDays()
        let response = try await browser.get("/reports/monthly?lang=en&month=2026-06")
        XCTAssertEqual(response.status, .ok)
        let html = response.body.string
        XCTAssertTrue(html.contains("<h1>Monthly report 2026-06</h1>"))
        XCTAssertTrue(html.contains("2026-06-01 – 2026-06-30"))
        for table in ["segments", "teams", "collectors", "cells"] {
            XCTAssertTrue(html.contains(#"<table id="\#(table)""#), table)
        }
        let chinese = try await browser.get("/reports/monthly?lang=zh-CN&month=2026-06")
        XCTAssertTrue(chinese.body.string.contains("月度报告 2026-06"))
    }

    func testBadFiltersAreRefusedAndCollectorsMayNotSeeTheKPIs() async throws {
        let badDimension = try await browser.get("/analytics?by=planet")
        XCTAssertEqual(badDimension.status, .badRequest)
        let reversed = try await browser.get("/analytics?from=2026-07-01&to=2026-06-01")
        XCTAssertEqual(reversed.status, .badRequest)
        let badMonth = try await browser.get("/reports/monthly?month=June")
        XCTAssertEqual(badMonth.status, .badRequest)
        let collector = try await fixture.signedIn(.collector)
        for path in ["/analytics", "/analytics/kpis.csv", "/reports/monthly"] {
            let page = try await collector.get(path)
            XCTAssertEqual(page.status, .forbidden, path)
        }
    }
}
