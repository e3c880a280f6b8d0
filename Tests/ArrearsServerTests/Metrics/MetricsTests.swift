import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// `/metrics` as Prometheus scrapes it: the text format, requests counted by route pattern and
/// status, the daily run, the outbox and sign-in failures; only for admins on the main port,
/// and for anyone on the `--metrics-port` listener.
final class MetricsTests: XCTestCase {
    /// The value of the sample `name{labels}` (labels as written, in order), or nil.
    private func sample(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    private func scrape(_ fixture: SecurityFixture, token: String) async throws -> String {
        let response = try await fixture.app.sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(token)"])
        XCTAssertEqual(response.status, .ok)
        XCTAssertEqual(response.headers.first(name: .contentType), "text/plain; version=0.0.4; charset=utf-8")
        return response.body.string
    }

    func testAnAdminScrapesRequestsByRoutePatternAndStatus() async throws {
        try await SecurityFixture.each { fixture, database in
            let admin = try await fixture.token(.admin)
            let supervisor = try await fixture.token(.supervisor)
            let unauthenticated = try await fixture.app.sendRequest(.GET, "/metrics")
            XCTAssertEqual(unauthenticated.status, .unauthorized, database)
            let notAdmin = try await fixture.app.sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(supervisor)"])
            XCTAssertEqual(notAdmin.status, .forbidden, database)
            XCTAssertFalse(notAdmin.body.string.contains("http_requests_total"), database)

            let series = #"http_requests_total{method="GET",path="/api/v1/visits/:id",status="404"}"#
            let before = sample(try await scrape(fixture, token: admin), series) ?? 0
            for id in ["VISIT-one", "VISIT-two"] {
                let missing = try await fixture.api(.GET, "/api/v1/visits/\(id)", token: supervisor)
                XCTAssertEqual(missing.status, .notFound, database)
            }
            let text = try await scrape(fixture, token: admin)
            XCTAssertEqual(sample(text, series), before + 2, "\(database): both requests, under the route's pattern")
            XCTAssertFalse(text.contains("VISIT-one"), "\(database): no raw path in a label")
            XCTAssertTrue(text.contains("# TYPE http_requests_total counter"), database)
            XCTAssertTrue(text.contains("# TYPE http_request_duration_seconds histogram"), database)
            let count = sample(text, #"http_request_duration_seconds_count{method="GET",path="/api/v1/visits/:id",status="404"}"#)
            XCTAssertEqual(count, before + 2, "\(database): each request timed")
            XCTAssertNotNil(sample(text, #"http_request_duration_seconds_bucket{method="GET",path="/api/v1/visits/:id",status="404",le="+Inf"}"#), database)
            XCTAssertEqual(sample(text, #"http_requests_total{method="GET",path="/metrics",status="403"}"#).map { $0 >= 1 }, true, database)
            // Every line is a comment or `name{labels} value`.
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                XCTAssertNotNil(line.range(of: #"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? -?[0-9.e+\-]+$|^[a-zA-Z_:][a-zA-Z0-9_:]*(\{.*\})? (\+Inf|NaN)$"#,
                                           options: .regularExpression), "\(database): \(line)")
            }
        }
    }

    func testTheScrapeReportsTheDailyRunTheOutboxAndSignInFailures() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let config = PortfolioPageTests.packageRoot + "/config"
            try await fixture.store.transaction { database in
                _ = try await ContactRecords.addFlag(CustomerFlag(kind: .complaint, from: LocalDate(iso: "2026-11-01")!), customerId: "CW1",
                                                     note: "complaint", by: "test", on: database)
            }
            let run = DailyRun(store: fixture.store, strategy: try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard),
                               buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config), policy: try PolicyConfig.load(fromDirectory: config))
            let summary = try await run.run(WorkbenchFixture.asOf)
            let admin = try await fixture.token(.admin)
            let failedBefore = sample(try await scrape(fixture, token: admin), #"arrears_sign_in_failures_total{reason="rejected"}"#) ?? 0
            try await fixture.addUser("someone", .collector)
            let browser = Browser(app: fixture.app)
            _ = try await browser.signIn("someone", "not the password")

            let text = try await scrape(fixture, token: admin)
            XCTAssertEqual(sample(text, "arrears_daily_runs_completed"), 1, database)
            XCTAssertEqual(sample(text, #"arrears_daily_run_items{kind="actions"}"#), Double(summary.actions), database)
            for step in ["settle_arrangements", "post_payments", "settle_promises", "snapshot_buckets", "score_accounts", "segment_customers",
                         "check_policy", "assign_tasks", "write_work"] {
                XCTAssertNotNil(sample(text, #"arrears_daily_run_step_seconds{step="\#(step)"}"#), "\(database): \(step)")
            }
            let blocked = (summary.blockedByRule ?? [:]).filter { $0.value > 0 }
            XCTAssertFalse(blocked.isEmpty, "\(database): the complaint blocks CW1's call")
            for (rule, count) in blocked {
                XCTAssertEqual(sample(text, #"arrears_blocked_actions{rule="\#(rule)"}"#), Double(count), database)
            }
            let queued = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM outbox_messages WHERE status = 'pending'")
            XCTAssertEqual(sample(text, #"arrears_outbox_messages{status="pending"}"#), Double(queued), database)
            XCTAssertEqual(sample(text, #"arrears_outbox_messages{status="failed"}"#), 0, database)
            XCTAssertEqual(sample(text, "arrears_outbox_backlog"), Double(queued), database)
            XCTAssertEqual(sample(text, #"arrears_sign_in_failures_total{reason="rejected"}"#), failedBefore + 1, database)
        }
    }

    func testTheMetricsPortAnswersOnlyMetricsAndWithoutAToken() async throws {
        try await TestDatabases.each { store, database in
            let context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot)
            let app = try await buildMetricsApplication(context)
            try await ServedFixture.serve(app) { base, client in
                let metrics = try await client.get(url: base + "/metrics").get()
                XCTAssertEqual(metrics.status, .ok, "\(database): \(metrics.body.map { String(buffer: $0) } ?? "")")
                XCTAssertEqual(metrics.headers.first(name: .contentType), "text/plain; version=0.0.4; charset=utf-8", database)
                XCTAssertTrue(metrics.body.map { String(buffer: $0) }?.contains("arrears_outbox_backlog 0") == true, database)
                let other = try await client.get(url: base + "/api/v1/cases").get()
                XCTAssertEqual(other.status, .notFound, "\(database): the metrics listener serves nothing else")
            }
        }
    }
}
