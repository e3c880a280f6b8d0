import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// A collection letter is recorded on its case (issue 24, "Letters"), on SQLite and PostgreSQL:
/// the case page lists it, waiting to be printed and then sent with the time
/// `arrears letters print` sent it, and the API's case file says the same.
final class CaseLetterTests: XCTestCase {
    static let printedAt = UTCTimestamp.instant("2026-11-24T15:30:00+08:00") ?? Date()

    func testTheCasePageAndTheCaseFileShowTheLetterSent() async throws {
        try await ContactFixture.each(now: Self.printedAt) { fixture, database in
            try await fixture.store.sql.raw("""
                INSERT INTO letters (id, case_id, customer_id, action_id, business_date, template, language, currency, overdue_minor, dpd, due_on, status)
                VALUES ('LTR-C1-20261124', 'CASE-C1', 'C1', 'CASE-C1@2026-11-24', '2026-11-24', 'collection_letter', 'zh-CN', 'CNY', 100000, 20,
                        '2026-11-04', 'queued')
                """).run()
            try await fixture.addUser("zhang", .collector, agentId: "c001")
            let collector = Browser(app: fixture.app)
            _ = try await collector.signIn("zhang", SecurityFixture.password)
            let before = try await collector.get("/work/cases/CASE-C1?lang=en").body.string
            XCTAssertTrue(before.contains("<li id=\"LTR-C1-20261124\">2026-11-24 · letter collection letter (Chinese) · 1000.00 CNY · waiting to be printed</li>"),
                          "\(database): \(before)")

            let config = PortfolioPageTests.packageRoot + "/config"
            let letters = try CollectionLetters.load(fromDirectory: config + "/letters", names: ["collection_letter"], pack: ContactFixture.policy.pack)
            let batch = try await LetterPrint(store: fixture.store, letters: letters, policy: ContactFixture.policy)
                .print(LocalDate(iso: "2026-11-24")!, by: "cli", now: Self.printedAt) { _ in }
            XCTAssertEqual(batch.newlySent, 1, database)
            XCTAssertEqual(batch.letters.first?.address, "上海市浦东新区世纪大道100号", database)

            let after = try await collector.get("/work/cases/CASE-C1?lang=en").body.string
            XCTAssertTrue(after.contains("<li id=\"LTR-C1-20261124\">2026-11-24 · letter collection letter (Chinese) · 1000.00 CNY · sent 2026-11-24 15:30</li>"),
                          "\(database): \(after)")
            let chinese = try await collector.get("/work/cases/CASE-C1?lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("<h2>往来记录</h2>") && chinese.contains("已寄出 2026-11-24 15:30"), "\(database): in the timeline, in local time")
            XCTAssertTrue(chinese.contains("信函 催收函 (中文) · 1000.00 CNY"), "\(database): the template and its language in words")

            let token = try await fixture.token(.collector, agentId: "c001")
            let file = try await fixture.api(.GET, "/api/v1/cases/CASE-C1", token: token)
            let sent = try XCTUnwrap((file.json["letters"] as? [[String: Any]])?.first, "\(database): \(file.json)")
            XCTAssertEqual(sent["id"] as? String, "LTR-C1-20261124", database)
            XCTAssertEqual(sent["status"] as? String, "printed", database)
            XCTAssertEqual(sent["printed_at"] as? String, "2026-11-24T07:30:00Z", database)
            XCTAssertEqual((sent["balance"] as? [String: Any])?["amount"] as? String, "1000.00", database)
        }
    }
}
