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
}
