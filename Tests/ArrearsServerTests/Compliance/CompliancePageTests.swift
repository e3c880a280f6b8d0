import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The compliance console (`/compliance`): what the compliance officer reviews each day, each
/// line linking to the customer's case, which they may read.
final class CompliancePageTests: XCTestCase {
    func testTheConsoleListsTodaysBreachTheBlockedActionTheComplaintAndTheFlagWithLinksToTheirCases() async throws {
        try await SecurityFixture.eachWithComplianceRecords { fixture, database in
            let officer = try await fixture.signedIn(.compliance)
            let page = try await officer.get("/compliance?lang=en")
            XCTAssertEqual(page.status, .ok, database)
            let html = page.body.string
            func row(_ table: String) -> String {
                guard let start = html.range(of: "<table id=\"\(table)\">"), let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return "" }
                return String(html[start.upperBound..<end.lowerBound])
            }
            let breaches = row("breaches"), blocked = row("blocked"), complaints = row("complaints"), flags = row("flags")
            XCTAssertTrue(breaches.contains("href=\"/work/cases/KW1?lang=en\"") && breaches.contains("No calls, messages or visits from 22:00 to 08:00")
                          && breaches.contains("user:zhang"), "today's breach, its rule in words and who, on \(database): \(breaches)")
            XCTAssertTrue(html.contains("Business dates 2026-11-24 to 2026-11-24"), database)
            XCTAssertTrue(html.contains("At most 6 call attempts a day to one contact point, counting every collector and agency <strong>1</strong></a></li>"),
                          "the count by rule, in words, on \(database)")
            XCTAssertTrue(blocked.contains("href=\"/work/cases/KW2?lang=en\"") && blocked.contains("John Smith"), "the blocked action on \(database): \(blocked)")
            XCTAssertTrue(complaints.contains("href=\"/work/cases/KW2?lang=en\"") && complaints.contains("harassment") && complaints.contains("called three times"),
                          "the open complaint, linked to the customer's open case, on \(database): \(complaints)")
            XCTAssertTrue(flags.contains("href=\"/work/cases/KW3?lang=en\"") && flags.contains("dispute") && flags.contains("disputes the fees"),
                          "the flag in force on \(database): \(flags)")

            let casePage = try await officer.get("/work/cases/KW2?lang=en")
            XCTAssertEqual(casePage.status, .ok, "the officer reads the case on \(database)")
            XCTAssertTrue(casePage.body.string.contains("<main class=\"read-only\">"), "without forms to use on \(database)")
            XCTAssertFalse(casePage.body.string.contains("href=\"/work\""), "and without links to a queue on \(database)")
            let posted = try await officer.post("/work/cases/KW2/attempts", ["channel": "call", "outcome": "no_answer"])
            XCTAssertEqual(posted.status, .forbidden, "reading a case is not working it, on \(database)")

            let chinese = try await officer.get("/compliance?lang=zh-CN")
            XCTAssertTrue(chinese.body.string.contains("<h1>合规控制台 · "), database)
        }
    }
}
