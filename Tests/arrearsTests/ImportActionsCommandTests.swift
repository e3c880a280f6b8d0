import Foundation
import XCTest

/// `arrears import actions`: a bank's history of actions is validated all or nothing with every
/// error naming its row and column, imported again without change, refused when an id comes
/// back with other content, and creates no work (issue 27), on SQLite and PostgreSQL.
final class ImportActionsCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    private func portfolio(_ db: [String], _ name: String) throws {
        for (kind, lines) in [
            ("customers", ["customer_id,name,mobile,credit_rating", "C1,王芳,13800138000,B", "C2,李雷,13900139000,C"]),
            ("accounts", ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,credit_card,CNY,8000.00,2025-10-01",
                          "A2,C2,personal_loan,CNY,5000.00,2025-10-01"]),
            ("dues", ["account_id,due_on,principal,interest,fees", "A1,2026-01-05,300.00,20.00,5.00", "A2,2026-01-05,400.00,0,0"]),
        ] {
            let result = try cli.run(["import", kind, cli.file("\(kind).csv", lines)] + db)
            XCTAssertEqual(result.status, 0, "\(name) \(kind): \(result.stderr)")
        }
    }

    private func history(_ db: [String]) throws -> String {
        try cli.run(["report", "actions", "--date", "2026-01-10", "--format", "csv"] + db).stdout
    }

    func testAGoodFileIsImportedOnceAndAgainWithoutChangeAndCreatesNoWork() async throws {
        try await cli.eachDatabase { db, name in
            try portfolio(db, name)
            let good = try cli.file("actions.csv", [
                "action_id,customer_id,date,channel,cell,propensity",
                "H1,C1,2026-01-10,sms,random,0.25",
                "H2,C2,2026-01-10,none,random,0.25",
                "H3,C1,2026-01-17,call,,",
                "H4,C2,2026-01-17,legal_review,champion,1",
            ])
            let first = try cli.run(["import", "actions", good] + db)
            XCTAssertEqual(first.status, 0, "\(name): \(first.stderr)")
            XCTAssertTrue(first.stderr.contains("imported 4 actions rows (4 new)"), first.stderr)
            let again = try cli.run(["import", "actions", good] + db)
            XCTAssertEqual(again.status, 0, "\(name): \(again.stderr)")
            XCTAssertTrue(again.stderr.contains("imported 4 actions rows (0 new)"), again.stderr)

            // History only: no action, task or message is in the day's work.
            XCTAssertEqual(try history(db).split(separator: "\n").count, 1, "\(name): report actions lists the daily run's work only")
            let outbox = try cli.run(["outbox", "status"] + db)
            XCTAssertEqual(outbox.status, 0, outbox.stderr)
            XCTAssertTrue(outbox.stdout.split(separator: "\n").allSatisfy { $0.hasSuffix(" 0") }, "\(name): no message is queued\n\(outbox.stdout)")
        }
    }

    func testBadRowsAreAllReportedWithRowAndColumnAndNothingIsStored() async throws {
        try await cli.eachDatabase { db, name in
            try portfolio(db, name)
            let bad = try cli.file("bad-actions.csv", [
                "action_id,customer_id,date,channel,cell,propensity",
                "H1,C1,2026-01-10,sms,random,0.25",
                "H2,C9,2026-01-10,call,random,0.5",
                "H3,C1,2026-13-01,fax,random,0",
                "H4,C2,2026-01-10,none,random,1.5",
                "H1,C2,2026-01-11,sms,,",
                "H6,C2,9999-01-01,visit,,abc",
            ])
            let result = try cli.run(["import", "actions", bad] + db)
            XCTAssertEqual(result.status, 1, "\(name): \(result.stderr)")
            let lines = result.stderrLines
            for expected in [
                "\(bad):3: customer_id: unknown customer 'C9'; import it in customers first",
                "\(bad):4: channel: 'fax' is not one of sms, email, call, visit, letter, legal_review, none",
                "\(bad):4: propensity: '0' is not a probability above 0 and at most 1",
                "\(bad):5: propensity: '1.5' is not a probability above 0 and at most 1",
                "\(bad):6: action_id: duplicate action_id 'H1' in the file (first on row 2)",
                "\(bad):7: propensity: 'abc' is not a probability above 0 and at most 1",
            ] {
                XCTAssertTrue(lines.contains(expected), "\(name): missing \(expected) in\n\(result.stderr)")
            }
            XCTAssertTrue(lines.contains { $0.hasPrefix("\(bad):4: date: ") }, result.stderr)
            XCTAssertTrue(lines.contains { $0.hasPrefix("\(bad):7: date: 9999-01-01 is outside the dates allowed here") }, result.stderr)
            XCTAssertEqual(lines.last, "arrears: \(bad): rejected with 8 errors; nothing from this file was stored", result.stderr)

            // Nothing was stored: the good row H1 imports afresh.
            let good = try cli.file("one.csv", ["action_id,customer_id,date,channel", "H1,C1,2026-01-10,sms"])
            let after = try cli.run(["import", "actions", good] + db)
            XCTAssertEqual(after.status, 0, after.stderr)
            XCTAssertTrue(after.stderr.contains("imported 1 actions rows (1 new)"), after.stderr)
        }
    }

    func testAnIdImportedAgainWithOtherContentIsRefusedNamingTheRow() async throws {
        try await cli.eachDatabase { db, name in
            try portfolio(db, name)
            let first = try cli.file("first.csv", ["action_id,customer_id,date,channel,cell,propensity", "H1,C1,2026-01-10,sms,random,0.25"])
            XCTAssertEqual(try cli.run(["import", "actions", first] + db).status, 0, name)
            let changed = try cli.file("changed.csv", [
                "action_id,customer_id,date,channel,cell,propensity",
                "H2,C2,2026-01-10,none,random,0.25",
                "H1,C1,2026-01-10,call,random,0.25",
            ])
            let result = try cli.run(["import", "actions", changed] + db)
            XCTAssertEqual(result.status, 1, "\(name): \(result.stderr)")
            XCTAssertEqual(result.stderrLines.first,
                           "\(changed):3: action_id: 'H1' is already stored with other content (stored channel sms); an action id cannot be reused", result.stderr)
            // H2 of the refused file was not stored either.
            let h2 = try cli.file("h2.csv", ["action_id,customer_id,date,channel", "H2,C2,2026-01-10,sms"])
            XCTAssertEqual(try cli.run(["import", "actions", h2] + db).status, 0, "\(name): H2 was not stored with channel none")
        }
    }

    func testAFileWithoutARequiredColumnIsRefusedAtTheHeader() throws {
        try portfolio(cli.databaseOption, "sqlite")
        let file = try cli.file("nochannel.csv", ["action_id,customer_id,date,colour", "H1,C1,2026-01-10,red"])
        let result = try cli.run(["import", "actions", file] + cli.databaseOption)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderrLines.contains("\(file):1: colour: is not a column of actions files (expected action_id, customer_id, date, channel, cell, propensity)"), result.stderr)
        XCTAssertTrue(result.stderrLines.contains("\(file):1: channel: is missing from the header"), result.stderr)
    }
}
