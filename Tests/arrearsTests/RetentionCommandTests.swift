import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// `arrears retention run` as a bank's scheduler calls it (issue 24, "Retention"), on SQLite and
/// PostgreSQL: what is past the period is erased, nothing else; a dry run changes nothing; a
/// second run nothing more; the audit chain verifies after it, old entries and anchors included.
final class RetentionCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private static let closed = LocalDate(iso: "2026-01-10")!
    private let asOf = ["--as-of", "2028-03-01"]

    /// Runs `body` with the command line's database option and a store open on it (without a
    /// data key: the fixture's values are plaintext, which `places(holding:)` reads), on a fresh
    /// SQLite file and, when `ARREARS_TEST_POSTGRES_URL` is set, on the emptied PostgreSQL database.
    private func eachDatabase(_ body: (_ db: [String], _ store: () async throws -> Store, _ name: String) async throws -> Void) async throws {
        let path = cli.directory.appendingPathComponent("retention.sqlite").path
        try await body(["--database", "sqlite:" + path], { try await Store.open(.sqlite(path: path)) }, "sqlite")
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            try await body(["--database", url], { try await Store.open(.postgres(url: url)) }, "postgres")
        }
    }

    private func head(_ db: [String]) throws -> String {
        let verified = try cli.run(["audit", "verify"] + db)
        XCTAssertEqual(verified.status, 0, verified.stderr)
        return verified.stdout
    }

    func testARunErasesWhatIsPastThePeriodLeavesTheRestAndTheChainStillVerifies() async throws {
        try await eachDatabase { db, open, name in
            let store = try await open()
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: store)
            try await RetentionFixture.add("CR2", closedOn: Self.closed, open: .complaint, into: store)
            try await RetentionFixture.add("CR3", closedOn: LocalDate(iso: "2028-03-01")!.adding(days: -700), into: store)
            var kept: [String: [String]] = [:]
            for customer in ["CR1", "CR2", "CR3"] { kept[customer] = try await RetentionFixture.places(holding: RetentionFixture.token(of: customer), in: store) }
            let before = try head(db)

            let dry = try cli.run(["retention", "run"] + asOf + ["--dry-run"] + db)
            XCTAssertEqual(dry.status, 0, dry.stderr)
            XCTAssertTrue(dry.stdout.hasPrefix("retention as of 2028-03-01 (dry run: nothing is changed): period 730 days (at least 730 days by cn.record-retention"),
                          dry.stdout)
            XCTAssertTrue(dry.stdout.contains("customers past the period: 1; customers to erase: 1"), dry.stdout)
            XCTAssertTrue(dry.stdout.contains("contact_attempts       1 to be anonymised"), dry.stdout)
            XCTAssertTrue(dry.stdout.contains("attachments            2 to be deleted"), dry.stdout)
            XCTAssertTrue(dry.stdout.contains("audit_log              4 to be erased"), dry.stdout)
            let afterDryRun = try await RetentionFixture.places(holding: RetentionFixture.token(of: "CR1"), in: store)
            XCTAssertEqual(afterDryRun, kept["CR1"], "\(name): a dry run changes nothing")
            XCTAssertEqual(try head(db), before, "\(name): nor records anything")

            let run = try cli.run(["retention", "run"] + asOf + db)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("customers past the period: 1; customers erased: 1"), run.stdout)
            XCTAssertTrue(run.stdout.contains("customers              1 anonymised"), run.stdout)
            XCTAssertTrue(run.stdout.contains("recorded in the audit log as entry "), run.stdout)
            let afterRun = try await RetentionFixture.places(holding: RetentionFixture.token(of: "CR1"), in: store)
            XCTAssertEqual(afterRun, [], name)
            let files = try await store.scalar("SELECT COUNT(*) AS n FROM attachments WHERE id LIKE 'ATT-%-CR1'")
            XCTAssertEqual(files, 0, "\(name): files deleted")
            for customer in ["CR2", "CR3"] {
                let untouched = try await RetentionFixture.places(holding: RetentionFixture.token(of: customer), in: store)
                XCTAssertEqual(untouched, kept[customer], "\(customer) (\(name))")
            }
            let verified = try head(db)
            XCTAssertTrue(verified.hasPrefix("audit chain intact:"), verified)

            let again = try cli.run(["retention", "run"] + asOf + db)
            XCTAssertEqual(again.status, 0, again.stderr)
            XCTAssertTrue(again.stdout.contains("customers erased: 0") && again.stdout.hasSuffix("nothing to erase; nothing changed\n"), again.stdout)
            XCTAssertEqual(try head(db), verified, "\(name): a second run records nothing")

            // A change to details that were not erased is still found.
            try await store.sql.raw(#"UPDATE audit_log SET details = '{"note":"x"}' WHERE subject = 'CR2' AND action = 'contact_attempt_recorded'"#).run()
            await store.shutdown()
            let broken = try cli.run(["audit", "verify"] + db)
            XCTAssertEqual(broken.status, 4, name)
            XCTAssertTrue(broken.stderr.contains("was altered"), broken.stderr)
        }
    }

    func testAnAuditLogWrittenBeforeTheChangeStillVerifiesAndHoldsItsAnchorAfterErasure() async throws {
        try await eachDatabase { db, open, name in
            let legacy = try await open()
            try await RetentionFixture.add("CR1", closedOn: Self.closed, into: legacy)
            try await RetentionFixture.add("CR2", closedOn: Self.closed, open: .caseItself, into: legacy)
            try await RetentionFixture.makeAuditLogLegacy(in: legacy)
            await legacy.shutdown()

            // The next command migrates the old log; its entries verify as they always did.
            let first = try head(db)
            let anchor = try XCTUnwrap(first.range(of: #"anchor (\d+:[0-9a-f]{64})"#, options: .regularExpression).map {
                String(first[$0].dropFirst("anchor ".count))
            }, first)

            let run = try cli.run(["retention", "run"] + asOf + db)
            XCTAssertEqual(run.status, 0, run.stderr)
            XCTAssertTrue(run.stdout.contains("audit_log              4 erased"), run.stdout)
            let held = try cli.run(["audit", "verify", "--anchor", anchor] + db)
            XCTAssertEqual(held.status, 0, "\(name): \(held.stderr)")
            XCTAssertTrue(held.stdout.contains("holds 1 anchor"), held.stdout)

            let store = try await open()
            let erased = try await RetentionFixture.places(holding: RetentionFixture.token(of: "CR1"), in: store)
            XCTAssertEqual(erased, [], name)
            try await store.sql.raw(#"UPDATE audit_log SET details = '{"note":"x"}' WHERE subject = 'CR2' AND action = 'contact_attempt_recorded'"#).run()
            await store.shutdown()
            let broken = try cli.run(["audit", "verify"] + db)
            XCTAssertEqual(broken.status, 4, name)
            XCTAssertTrue(broken.stderr.contains("was altered"), broken.stderr)
        }
    }

    func testAPeriodShorterThanThePacksMinimumIsRefusedNamingTheField() throws {
        let config = cli.directory.appendingPathComponent("short")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        for link in ["policy.yaml", "policies"] {
            try FileManager.default.createSymbolicLink(at: config.appendingPathComponent(link),
                                                       withDestinationURL: CommandRunner.packageRoot.appendingPathComponent("config").appendingPathComponent(link))
        }
        try "period_days: 365\n".write(to: config.appendingPathComponent("retention.yaml"), atomically: true, encoding: .utf8)
        let refused = try cli.run(["retention", "run", "--as-of", "2028-03-01", "--config", config.path] + cli.databaseOption)
        XCTAssertEqual(refused.status, 1)
        XCTAssertTrue(refused.stderr.contains("retention.yaml:1: period_days 365 is shorter than policy pack 'cn' allows: cn.record-retention keeps records at least 730 days"),
                      refused.stderr)
    }
}
