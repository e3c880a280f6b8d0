import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTVapor

/// The case page shows every score of the customer's accounts with its reasons in words
/// (issue 26), in English and Chinese, and the case file's JSON gives the same reasons.
final class ScoreReasonsPageTests: XCTestCase {
    func testTheCasePageSaysWhyTheCustomerScoresWhatTheyDo() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let collector = try await fixture.signedIn(.collector, username: "zhang", agentId: WorkbenchFixture.collector)
            let before = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertFalse(before.contains("class=\"score\""), "\(database): no score yet")

            // As the daily run stores a pay30 score (AccountScoring): points, probability, reasons.
            let reasons = [ScoreReason(feature: "dpd", contribution: -31, text: "[31, 60)"),
                           ScoreReason(feature: "credit_rating", contribution: -12, text: "D, E"),
                           ScoreReason(feature: "days_since_payment", contribution: -8, text: "missing")]
            let json = String(decoding: try JSONEncoder().encode(reasons), as: UTF8.self)
            try await fixture.store.sql.raw("""
                INSERT INTO account_scores (account_id, target, model_id, business_date, probability_ppm, points, reasons)
                VALUES ('AW1', 'pay30', 'pay30-v3', '2026-11-20', 312000, 431, \(bind: json))
                """).run()

            let english = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(english.contains("Propensity to pay (pay30-v3): 431 points · chance of paying in 30 days 31.2%"), "\(database): \(english)")
            XCTAssertTrue(english.contains("Why: <span class=\"reason\" data-feature=\"dpd\">Days past due [31, 60) \u{2212}31</span>"), database)
            XCTAssertTrue(english.contains("Credit rating D, E \u{2212}12"), database)
            XCTAssertTrue(english.contains("Days since the last payment not known \u{2212}8"), database)
            let chinese = try await collector.get("/work/cases/KW1?lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("还款倾向 (pay30-v3): 431 分"), "\(database): \(chinese)")
            XCTAssertTrue(chinese.contains("原因: <span class=\"reason\" data-feature=\"dpd\">逾期天数 [31, 60) \u{2212}31</span>"), database)
            XCTAssertTrue(chinese.contains("距上次还款天数 未知 \u{2212}8"), database)

            let file = try await fixture.api(.GET, "/api/v1/cases/KW1", token: try await fixture.token(.collector, agentId: WorkbenchFixture.collector))
            XCTAssertEqual(file.status, .ok, database)
            let accounts = try XCTUnwrap(file.json["accounts"] as? [[String: Any]])
            let scores = try XCTUnwrap(accounts.first { $0["id"] as? String == "AW1" }?["scores"] as? [[String: Any]])
            let stored = try XCTUnwrap(scores.first?["reasons"] as? [[String: Any]])
            XCTAssertEqual(stored.map { $0["feature"] as? String }, ["dpd", "credit_rating", "days_since_payment"], database)
            XCTAssertEqual(stored.first?["contribution"] as? Double, -31, database)
            XCTAssertEqual(stored.first?["text"] as? String, "[31, 60)", database)
        }
    }
}
