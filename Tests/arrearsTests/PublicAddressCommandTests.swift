import ArrearsStore
import Foundation
import SQLKit
import XCTest

/// `arrears run-day` and the address in the self-service links of its messages: without a public
/// address a strategy whose templates carry `{pay_url}` is refused before anything is written
/// (exit 78), and with one every link starts with it; on SQLite and PostgreSQL.
final class PublicAddressCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    /// Runs `body` with the `--database` option of a fresh SQLite file and, when
    /// `ARREARS_TEST_POSTGRES_URL` is set, of the emptied PostgreSQL database; each holds the
    /// same imported portfolio.
    private func eachDatabase(_ body: (_ db: [String], _ name: String) async throws -> Void) async throws {
        XCTAssertEqual(try cli.run(["generate", "--customers", "300", "--out", "sample", "--seed", "9", "--as-of", "2026-06-30"]).status, 0)
        var databases = [(cli.databaseOption, "sqlite")]
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            databases.append((["--database", url], "postgres"))
        }
        for (db, name) in databases {
            for kind in ["customers", "accounts", "dues", "payments"] {
                let result = try cli.run(["import", kind, "sample/\(kind).csv"] + db)
                XCTAssertEqual(result.status, 0, "\(name): \(result.stderr)")
            }
            try await body(db, name)
        }
    }

    /// The bodies of every queued message, straight from the database.
    private func messageBodies(_ db: [String]) async throws -> [String] {
        let store = try await Store.open(try DatabaseURL(parsing: db[1]), migrate: false)
        do {
            let bodies = try await store.sql.raw("SELECT body FROM outbox_messages").all().map { try $0.decode(column: "body", as: String.self) }
            await store.shutdown()
            return bodies
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// How many daily runs the audit log records.
    private func runsRecorded(_ db: [String]) throws -> Int {
        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31", "--format", "json"] + db)
        XCTAssertEqual(export.status, 0, export.stderr)
        let rows = try JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]] ?? []
        return rows.filter { $0["action"] as? String == "run_day" }.count
    }

    func testRunDayRefusesWithoutAPublicAddressAndRunsWithOne() async throws {
        try await eachDatabase { db, name in
            cli.publicURL = nil
            let refused = try cli.run(["run-day", "--date", "2026-06-30"] + db)
            XCTAssertEqual(refused.status, 78, "\(name): \(refused.stderr)")
            for words in ["no public address is configured", "reminder_sms", "{pay_url}", "Set ARREARS_PUBLIC_URL (or pass --public-url)", "Nothing was run."] {
                XCTAssertTrue(refused.stderr.contains(words), "\(name): '\(words)' in \(refused.stderr)")
            }
            XCTAssertEqual(try runsRecorded(db), 0, "\(name): no run recorded")
            let queued = try await messageBodies(db)
            XCTAssertEqual(queued, [], "\(name): no message queued")
            XCTAssertEqual(try cli.run(["strategy", "list"] + db).stdout, "version,first_used_on\n", "\(name): no strategy version kept")
            XCTAssertEqual(try cli.run(["report", "actions", "--date", "2026-06-30", "--format", "json"] + db).stdout.trimmingCharacters(in: .whitespacesAndNewlines),
                           "[]", "\(name): no action decided")

            cli.publicURL = "https://pay.example-bank.test/"
            let run = try cli.run(["run-day", "--date", "2026-06-30"] + db)
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
            XCTAssertEqual(try runsRecorded(db), 1, name)
            let bodies = try await messageBodies(db)
            let links = bodies.filter { $0.contains("/s/") }
            XCTAssertFalse(links.isEmpty, "\(name): the reminders carry links")
            XCTAssertTrue(links.allSatisfy { $0.contains("https://pay.example-bank.test/s/") }, "\(name): \(links.first ?? "")")
            XCTAssertFalse(bodies.contains { $0.contains("127.0.0.1") }, name)

            cli.publicURL = nil
            let stored = try cli.run(["run-day", "--date", "2026-07-01", "--strategy-version", "2026.2"] + db)
            XCTAssertEqual(stored.status, 78, "\(name): a strategy version kept in the database needs the address too: \(stored.stderr)")
            XCTAssertEqual(try runsRecorded(db), 1, "\(name): 2026-07-01 did not run")
        }
    }

    func testThePublicURLOptionIsCheckedAndWinsOverTheEnvironment() async throws {
        try await eachDatabase { db, name in
            let bad = try cli.run(["run-day", "--date", "2026-06-30", "--public-url", "pay.example-bank.test"] + db)
            XCTAssertEqual(bad.status, 1, name)
            XCTAssertTrue(bad.stderr.contains("--public-url: 'pay.example-bank.test' must be an absolute http:// or https:// address"), bad.stderr)
            XCTAssertEqual(try runsRecorded(db), 0, name)

            let run = try cli.run(["run-day", "--date", "2026-06-30", "--public-url", "https://option.example-bank.test"] + db)
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
            let links = try await messageBodies(db).filter { $0.contains("/s/") }
            XCTAssertFalse(links.isEmpty, name)
            XCTAssertTrue(links.allSatisfy { $0.contains("https://option.example-bank.test/s/") }, "\(name): the option, not \(CommandRunner.publicURL)")
        }
    }

    func testAStrategyWhoseMessagesCarryNoLinkNeedsNoAddress() async throws {
        let shipped = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("config/strategy.yaml"), encoding: .utf8)
        let noLinks = try cli.file("no-links.yaml", [shipped.replacingOccurrences(of: "{pay_url}", with: "our branches")])
        cli.publicURL = nil
        try await eachDatabase { db, name in
            let run = try cli.run(["run-day", "--date", "2026-06-30", "--strategy", noLinks] + db)
            XCTAssertEqual(run.status, 0, "\(name): \(run.stderr)")
            let bodies = try await messageBodies(db)
            XCTAssertFalse(bodies.isEmpty, name)
        }
    }

    func testAStrategyWithABadComparisonFieldIsRefusedNamingIt() throws {
        let shipped = try String(contentsOf: CommandRunner.packageRoot.appendingPathComponent("config/strategy.yaml"), encoding: .utf8)
        let bad = try cli.file("bad-comparison.yaml", [shipped + "\ncomparison:\n  primary_measure: profit\n"])
        let refused = try cli.run(["run-day", "--date", "2026-06-30", "--strategy", bad] + cli.databaseOption)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("comparison: unknown primary_measure 'profit' (expected recovery_rate, cure_rate, promise_kept_rate)"),
                      refused.stderr)
    }
}
