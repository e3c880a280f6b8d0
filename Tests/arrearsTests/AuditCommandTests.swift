import ArrearsStore
import Foundation
import XCTest

/// `arrears audit verify` and `arrears audit export` as a compliance officer runs them.
final class AuditCommandTests: XCTestCase {
    func testVerifyPassesThenNamesTheTamperedEntryAndExportWritesTheChain() async throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let customers = try cli.file("customers.csv", ["customer_id,name,credit_rating", "C1,王芳,B"])
        let accounts = try cli.file("accounts.csv", ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,credit_card,CNY,100.00,2026-01-01"])
        XCTAssertEqual(try cli.run(["import", "customers", customers] + cli.databaseOption).status, 0)
        XCTAssertEqual(try cli.run(["import", "accounts", accounts] + cli.databaseOption).status, 0)

        let intact = try cli.run(["audit", "verify"] + cli.databaseOption)
        XCTAssertEqual(intact.status, 0, intact.stderr)
        XCTAssertTrue(intact.stdout.hasPrefix("audit chain intact: 2 entries; head 2 "), intact.stdout)

        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31", "--format", "json"] + cli.databaseOption)
        let rows = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(export.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(rows.map { $0["action"] as? String }, ["import.customers", "import.accounts"])
        XCTAssertEqual(rows[1]["previous_hash"] as? String, rows[0]["hash"] as? String)

        let store = try await Store.open(.sqlite(path: cli.directory.appendingPathComponent("cli.sqlite").path))
        try await store.sql.raw("UPDATE audit_log SET actor = 'cli:mallory' WHERE sequence = 1").run()
        await store.shutdown()
        let broken = try cli.run(["audit", "verify"] + cli.databaseOption)
        XCTAssertEqual(broken.status, 4)
        XCTAssertTrue(broken.stderr.contains("entry 1 was altered"), broken.stderr)
    }

    func testAnAnchoredHeadProvesLaterThatTheChainWasNeitherRewrittenNorCutOff() async throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        let customers = try cli.file("customers.csv", ["customer_id,name,credit_rating", "C1,王芳,B"])
        let accounts = try cli.file("accounts.csv", ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,credit_card,CNY,100.00,2026-01-01"])
        XCTAssertEqual(try cli.run(["import", "customers", customers] + cli.databaseOption).status, 0)
        let first = try cli.run(["audit", "verify"] + cli.databaseOption)
        let anchor = try XCTUnwrap(first.stdout.range(of: #"anchor (\d+:[0-9a-f]{64})"#, options: .regularExpression).map {
            String(first.stdout[$0].dropFirst("anchor ".count))
        }, first.stdout)
        XCTAssertEqual(try cli.run(["import", "accounts", accounts] + cli.databaseOption).status, 0)

        let held = try cli.run(["audit", "verify", "--anchor", anchor] + cli.databaseOption)
        XCTAssertEqual(held.status, 0, held.stderr)
        XCTAssertTrue(held.stdout.contains("entries; head 2 ") && held.stdout.contains("holds 1 anchor"), held.stdout)

        // Rewritten from the start with fresh hashes: the chain verifies, the anchor does not.
        let store = try await Store.open(.sqlite(path: cli.directory.appendingPathComponent("cli.sqlite").path))
        try await store.sql.raw("DELETE FROM audit_log").run()
        try await AuditLog.append([AuditEvent(actor: "cli:mallory", action: "import.customers", subject: "customers.csv"),
                                   AuditEvent(actor: "cli:mallory", action: "import.accounts", subject: "accounts.csv")], on: store.sql)
        let rewritten = try cli.run(["audit", "verify", "--anchor", anchor] + cli.databaseOption)
        XCTAssertEqual(rewritten.status, 4)
        XCTAssertTrue(rewritten.stderr.contains("the chain was rewritten"), rewritten.stderr)

        // Cut off before the anchor: the chain verifies, the anchor is gone.
        try await store.sql.raw("DELETE FROM audit_log").run()
        await store.shutdown()
        let cut = try cli.run(["audit", "verify", "--anchor", anchor] + cli.databaseOption)
        XCTAssertEqual(cut.status, 4)
        XCTAssertTrue(cut.stderr.contains("cut off the end"), cut.stderr)

        let malformed = try cli.run(["audit", "verify", "--anchor", "1:not-a-hash"] + cli.databaseOption)
        XCTAssertEqual(malformed.status, 64)
        XCTAssertTrue(malformed.stderr.contains("is not SEQUENCE:HASH"), malformed.stderr)
    }
}
