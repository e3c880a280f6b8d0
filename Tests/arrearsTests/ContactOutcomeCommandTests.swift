import ArrearsStore
import Foundation
import XCTest

/// `arrears contact log` does what the outcome calls for (config/outcomes.yaml), prints each
/// change, and the next `arrears run-day` honours it; on SQLite and (when
/// `ARREARS_TEST_POSTGRES_URL` is set) PostgreSQL.
final class ContactOutcomeCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    /// C1 and C2 (rating C, Asia/Shanghai) each owe 115.00 since 2026-11-19: the run of
    /// 2026-11-24 would remind each by SMS.
    private func eachDatabase(_ body: (_ options: [String], _ name: String) async throws -> Void) async throws {
        let config = ["--config", CommandRunner.packageRoot.appendingPathComponent("config").path]
        let path = cli.directory.appendingPathComponent("outcomes.sqlite").path
        var databases = [(["--database", "sqlite:" + path] + config, "sqlite")]
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            databases.append((["--database", url] + config, "postgres"))
        }
        for (options, name) in databases {
            for (kind, lines) in [
                ("customers", ["customer_id,name,mobile,email,time_zone,language,credit_rating",
                               "C1,Alice Smith,13800138000,alice@example.com,Asia/Shanghai,en,C",
                               "C2,Bob Jones,13900139000,bob@example.com,Asia/Shanghai,en,C"]),
                ("accounts", ["account_id,customer_id,product,currency,principal,opened_on",
                              "A1,C1,personal_loan,CNY,3000,2026-01-01", "A2,C2,personal_loan,CNY,3000,2026-01-01"]),
                ("dues", ["account_id,due_on,principal,interest,fees", "A1,2026-11-19,100.00,10.00,5.00", "A2,2026-11-19,100.00,10.00,5.00"]),
            ] {
                let imported = try cli.run(["import", kind, try cli.file("\(kind).csv", lines)] + options)
                XCTAssertEqual(imported.status, 0, "\(name): \(imported.stderr)")
            }
            try await body(options, name)
        }
    }

    private func log(_ options: [String], _ customer: String, _ outcome: String, id: String, _ extra: [String] = []) throws -> (status: Int32, stdout: String, stderr: String) {
        let result = try cli.run(["contact", "log", "--customer", customer, "--channel", "call", "--at", "2026-11-23T11:00:00+08:00", "--outcome", outcome,
                     "--id", id] + extra + options)
        return (result.status, result.stdout, result.stderr)
    }

    func testAnOutcomeLoggedOnTheCommandLineChangesWhatTheNextRunDoes() async throws {
        try await eachDatabase { options, name in
            let disputed = try log(options, "C1", "dispute", id: "D1")
            XCTAssertEqual(disputed.status, 0, "\(name): \(disputed.stderr)")
            let lines = disputed.stdout.split(separator: "\n").map(String.init)
            XCTAssertEqual(lines.first, "D1", name)
            XCTAssertTrue(lines.contains { $0.hasPrefix("flag FLAG-") && $0.hasSuffix(" dispute") }, "\(name): \(disputed.stdout)")
            XCTAssertTrue(lines.contains { $0.hasPrefix("task OTASK-") && $0.hasSuffix(" compliance/dispute_review") }, "\(name): \(disputed.stdout)")

            let noTime = try log(options, "C2", "callback", id: "CB1")
            XCTAssertNotEqual(noTime.status, 0, name)
            XCTAssertTrue(noTime.stderr.contains("callback_at"), "\(name): \(noTime.stderr)")
            let noChannels = try log(options, "C2", "cease_request", id: "CR1")
            XCTAssertNotEqual(noChannels.status, 0, name)
            XCTAssertTrue(noChannels.stderr.contains("accepted_channels"), "\(name): \(noChannels.stderr)")
            let ceased = try log(options, "C2", "cease_request", id: "CR2", ["--accepted-channels", "email"])
            XCTAssertEqual(ceased.status, 0, "\(name): \(ceased.stderr)")
            XCTAssertTrue(ceased.stdout.contains(" accepted_channels: email"), "\(name): \(ceased.stdout)")
            let flags = try cli.run(["flag", "list", "--customer", "C2"] + options)
            XCTAssertTrue(flags.stdout.contains("accepted_channels"), "\(name): \(flags.stdout)")

            let ran = try cli.run(["run-day", "--date", "2026-11-24"] + options)
            XCTAssertEqual(ran.status, 0, "\(name): \(ran.stderr)")
            let report = try cli.run(["report", "actions", "--date", "2026-11-24", "--format", "csv"] + options)
            XCTAssertEqual(report.status, 0, "\(name): \(report.stderr)")
            // One line per action; the reason may be quoted, so each line is read whole.
            let actions = report.stdout.split(separator: "\n").map(String.init)
            let c1 = actions.first { $0.split(separator: ",").dropFirst().first == "C1" } ?? ""
            let c2 = actions.first { $0.split(separator: ",").dropFirst().first == "C2" } ?? ""
            XCTAssertTrue(c1.contains(",blocked,") && c1.contains("dispute"), "\(name): the disputed customer is not reminded; \(report.stdout)")
            XCTAssertTrue(c2.contains(",blocked,") && c2.contains("only by email"), "\(name): C2 accepts e-mail only; \(report.stdout)")
        }
    }
}
