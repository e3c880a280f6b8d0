import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// `arrears report breaches` as a compliance officer runs it: every contact made against the pack,
/// breaches and overrides, by the customer's own dates, both ends included, as CSV or JSON.
final class BreachesReportCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws {
        cli = try CommandRunner()
        cli.environment["USER"] = "officer"
    }

    override func tearDown() { cli.remove() }

    /// Runs `body` with the `--database` option of a fresh SQLite file and, when
    /// `ARREARS_TEST_POSTGRES_URL` is set, of the emptied PostgreSQL database.
    private func eachDatabase(_ body: (_ options: [String], _ url: DatabaseURL, _ name: String) async throws -> Void) async throws {
        let config = ["--config", CommandRunner.packageRoot.appendingPathComponent("config").path]
        let path = cli.directory.appendingPathComponent("breaches.sqlite").path
        try await body(["--database", "sqlite:" + path] + config, .sqlite(path: path), "sqlite")
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            try await body(["--database", url] + config, .postgres(url: url), "postgres")
        }
    }

    /// C1 lives in Shanghai (UTC+8), C3 in New York (UTC-5 in November). Recorded after the fact:
    /// a call to C1 at 06:57 on 24 November, to C3 at 23:30 on 24 November (04:30 on the 25th in
    /// UTC), to C3 at 07:00 on the 25th and to C1 at 07:30 on the 23rd, all in quiet hours; and an
    /// override given for a call to C1 at 06:50 on the 24th.
    private func record(_ options: [String], _ url: DatabaseURL, _ name: String) async throws {
        let customers = try cli.file("customers.csv", [
            "customer_id,name,mobile,email,address,region,time_zone,language,credit_rating",
            "C1,王芳,13800138000,wf@example.com,上海市浦东新区世纪大道100号,上海,Asia/Shanghai,zh-CN,B",
            "C3,Ann Lee,+12125550100,ann@example.com,1 Main St,NY,America/New_York,en,B",
        ])
        let imported = try cli.run(["import", "customers", customers] + options)
        XCTAssertEqual(imported.status, 0, "\(name): \(imported.stderr)")
        for (id, customer, at) in [("A1", "C1", "2026-11-24T06:57:00+08:00"), ("A2", "C3", "2026-11-24T23:30:00-05:00"),
                                   ("A3", "C3", "2026-11-25T07:00:00-05:00"), ("A4", "C1", "2026-11-23T07:30:00+08:00")] {
            let logged = try cli.run(["contact", "log", "--customer", customer, "--channel", "call", "--at", at, "--outcome", "no_answer", "--id", id] + options)
            XCTAssertEqual(logged.status, 3, "\(name): recorded, and reported as a breach: \(logged.stderr)")
        }
        let store = try await Store.open(url)
        do {
            let policy = try PolicyConfig.load(fromDirectory: CommandRunner.packageRoot.appendingPathComponent("config").path)
            let at = try XCTUnwrap(UTCTimestamp.instant("2026-11-24T06:50:00+08:00"))
            _ = try await store.transaction { database in
                try await ContactStart.start(customerId: "C1", ContactRequest(channel: .call, at: at), overrideReason: #"agreed callback, "before work""#,
                                             settings: policy, by: "user:zhang", at: at, on: database)
            }
        } catch {
            await store.shutdown()
            throw error
        }
        await store.shutdown()
    }

    func testTheCSVListsBreachesAndOverridesOfTheCustomersOwnDatesBothEndsIncluded() async throws {
        try await eachDatabase { options, url, name in
            try await record(options, url, name)
            let report = try cli.run(["report", "breaches", "--from", "2026-11-24", "--to", "2026-11-24"] + options)
            XCTAssertEqual(report.status, 0, "\(name): \(report.stderr)")
            let quiet = "No calls, messages or visits from 22:00 to 08:00 in the customer's local time, unless the customer agreed the time"
            XCTAssertEqual(report.stdout, """
                occurred_at,local_time,customer_id,channel,rule,actor,kind,reason
                2026-11-23T22:50:00Z,2026-11-24T06:50:00+08:00,C1,call,cn.quiet-hours,user:zhang,override,"agreed callback, ""before work\"""
                2026-11-23T22:57:00Z,2026-11-24T06:57:00+08:00,C1,call,cn.quiet-hours,cli:officer,breach,"\(quiet) (it is 06:57 for the customer)"
                2026-11-25T04:30:00Z,2026-11-24T23:30:00-05:00,C3,call,cn.quiet-hours,cli:officer,breach,"\(quiet) (it is 23:30 for the customer)"

                """, name)

            let json = try cli.run(["report", "breaches", "--from", "2026-11-23", "--to", "2026-11-25", "--format", "json"] + options)
            XCTAssertEqual(json.status, 0, "\(name): \(json.stderr)")
            let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: String]], json.stdout)
            XCTAssertEqual(rows.map { $0["local_time"] ?? "" }, ["2026-11-23T07:30:00+08:00", "2026-11-24T06:50:00+08:00", "2026-11-24T06:57:00+08:00",
                                                              "2026-11-24T23:30:00-05:00", "2026-11-25T07:00:00-05:00"], name)
            XCTAssertEqual(rows.map { $0["kind"] ?? "" }, ["breach", "override", "breach", "breach", "breach"], name)
            XCTAssertEqual(Set(rows.flatMap(\.keys)), Set(["occurred_at", "local_time", "customer_id", "channel", "rule", "actor", "kind", "reason"]), name)
        }
    }

    func testBadDatesAreRefusedNamingTheOption() throws {
        let db = cli.databaseOption
        let badFrom = try cli.run(["report", "breaches", "--from", "2026-13-01", "--to", "2026-11-24"] + db)
        XCTAssertEqual(badFrom.status, 64)
        XCTAssertTrue(badFrom.stderr.contains("--from"), badFrom.stderr)
        let reversed = try cli.run(["report", "breaches", "--from", "2026-11-25", "--to", "2026-11-24"] + db)
        XCTAssertEqual(reversed.status, 64)
        XCTAssertTrue(reversed.stderr.contains("--from 2026-11-25 is after --to 2026-11-24"), reversed.stderr)
        let badFormat = try cli.run(["report", "breaches", "--from", "2026-11-24", "--to", "2026-11-24", "--format", "xml"] + db)
        XCTAssertEqual(badFormat.status, 64)
        XCTAssertTrue(badFormat.stderr.contains("--format"), badFormat.stderr)
    }
}
