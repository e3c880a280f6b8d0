import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// `arrears run-day` through the real binary, on SQLite and (when `ARREARS_TEST_POSTGRES_URL` is
/// set) PostgreSQL: a customer keeping an instalment plan is `held` in `report actions`, with the
/// plan as the reason, and is chased again the day after the plan breaks.
final class RunDayHoldCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private func eachDatabase(_ body: (_ options: [String], _ url: DatabaseURL, _ name: String) async throws -> Void) async throws {
        let config = ["--config", CommandRunner.packageRoot.appendingPathComponent("config").path]
        let path = cli.directory.appendingPathComponent("holds.sqlite").path
        try await body(["--database", "sqlite:" + path] + config, .sqlite(path: path), "sqlite")
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            try await body(["--database", url] + config, .postgres(url: url), "postgres")
        }
    }

    /// C1 owes 115.00 on the 15th of September, October and December 2026 on A1, and on 24
    /// November agrees a three-instalment plan, the first (76.68) due on 1 December. Returns the
    /// plan's id.
    private func load(_ options: [String], _ url: DatabaseURL, _ name: String) async throws -> String {
        for (kind, lines) in [
            ("customers", ["customer_id,name,mobile,credit_rating", "C1,王芳,13800138000,B"]),
            ("accounts", ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,personal_loan,CNY,3000,2026-01-01"]),
            ("dues", ["account_id,due_on,principal,interest,fees", "A1,2026-09-15,100.00,10.00,5.00", "A1,2026-10-15,100.00,10.00,5.00",
                      "A1,2026-12-15,100.00,10.00,5.00"]),
        ] {
            let imported = try cli.run(["import", kind, try cli.file("\(kind).csv", lines)] + options)
            XCTAssertEqual(imported.status, 0, "\(name): \(imported.stderr)")
        }
        let store = try await Store.open(url)
        do {
            let today = LocalDate(iso: "2026-11-24")!
            _ = try await PositionRepository(store: store, buckets: .standard).recompute(asOf: today)
            let plan = try await store.transaction { database in
                try await Arrangements.propose(accountId: "A1", terms: .instalmentPlan(count: 3, firstDate: LocalDate(iso: "2026-12-01")!), reason: nil,
                                               by: Arrangements.Actor(name: "user:s", role: .supervisor, scope: .all), today: today, limits: .standard, on: database)
            }
            await store.shutdown()
            XCTAssertEqual(plan.status, .active, name)
            return plan.id
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// C1's row of `report actions` on `day`, by column name.
    private func row(_ options: [String], _ day: String, _ name: String) throws -> [String: String]? {
        let report = try cli.run(["report", "actions", "--date", day, "--format", "csv"] + options)
        XCTAssertEqual(report.status, 0, "\(name): \(report.stderr)")
        let lines = report.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, let line = lines.dropFirst().first(where: { $0.count > 1 && $0[1] == "C1" }) else { return nil }
        return Dictionary(zip(header, line), uniquingKeysWith: { first, _ in first })
    }

    func testAKeptPlanIsHeldAndCollectionResumesTheDayAfterItBreaks() async throws {
        try await eachDatabase { options, url, name in
            let plan = try await load(options, url, name)
            for day in ["2026-12-03", "2026-12-06", "2026-12-07"] {
                let ran = try cli.run(["run-day", "--date", day] + options)
                XCTAssertEqual(ran.status, 0, "\(name) \(day): \(ran.stderr)")
            }
            for day in ["2026-12-03", "2026-12-06"] {
                let held = try row(options, day, name)
                XCTAssertEqual(held?["status"], "held", "\(name) \(day): the first instalment is late but within its grace")
                XCTAssertEqual(held?["treatment"], "hold", "\(name) \(day)")
                XCTAssertEqual(held?["reason"], "arrangement being kept: instalment_plan \(plan) on account A1", "\(name) \(day)")
            }
            let reopened = try row(options, "2026-12-07", name)
            XCTAssertNotNil(reopened, "\(name): the plan broke on the 6th; the 7th chases again")
            XCTAssertNotEqual(reopened?["treatment"], "hold", name)
            XCTAssertTrue(["created", "blocked"].contains(reopened?["status"] ?? ""), "\(String(describing: reopened)) (\(name))")
        }
    }
}
