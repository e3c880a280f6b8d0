import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// `/legal` as the legal officer's worklist (issue 25) on `WorkbenchFixture`'s book, where each
/// case owes 2,000.00 CNY overdue: the daily run's legal-review tasks, the legal cases with what
/// is owed, the next allowed step and its date, and the letters to print.
final class LegalWorklistTests: XCTestCase {
    static let today = LocalMoment(Date(), offset: 0).date

    /// The run of the next day referred KW2 (John Smith) to legal review, assigned to `l-zhao`.
    private func referKW2(_ store: Store) async throws {
        try await store.sql.raw("""
            INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
            VALUES ('KW2:2026-11-24', 'KW2', 'CW2', '2026-11-24', 'standard', '31-60', 53, 'legal_review', 'legal_review', 'champion', 'created', '', 500, 'l-zhao')
            """).run()
    }

    private func section(_ id: String, in page: String, until end: String = "</table>") -> String {
        page.components(separatedBy: "id=\"\(id)\"").dropFirst().first?.components(separatedBy: end).first ?? ""
    }

    func testTheWorklistListsReviewTasksAmountsTheNextAllowedStepAndTheLettersToPrint() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            try await referKW2(fixture.store)
            let legal = try await fixture.signedIn(.legal)
            _ = try await legal.get("/legal?lang=en")
            let opened = try await legal.post("/legal", ["case_id": "KW1", "reason": "refuses all contact"])
            XCTAssertEqual(opened.status, .seeOther, database)
            _ = try await legal.post("/legal/LC-KW1/stage", ["stage": "demand_letter", "on": "", "court_name": "", "court_case_number": "", "reason": ""])
            let payBy = Self.today.adding(days: 10)
            let letter = try await legal.post("/legal/LC-KW1/demand-letter", ["pay_by": payBy.description, "language": ""])
            XCTAssertEqual(letter.status, .seeOther, database)

            let page = try await legal.get("/legal?lang=en").body.string
            let reviews = section("legal-reviews", in: page)
            XCTAssertTrue(reviews.contains("data-case=\"KW2\"") && reviews.contains("John Smith") && reviews.contains("2,000.00 CNY"),
                          "\(database): the run's legal-review task with the amount overdue: \(reviews)")
            XCTAssertFalse(reviews.contains("data-case=\"KW1\""), "\(database): KW1 was not referred")
            let row = section("legal-cases", in: page).components(separatedBy: "data-legal-case=\"LC-KW1\"").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
            XCTAssertTrue(row.contains("2,000.00 CNY"), "\(database): what the customer owes: \(row)")
            XCTAssertTrue(row.contains("<td>Filed</td>"), "\(database): the next step after a demand letter: \(row)")
            XCTAssertTrue(row.contains(payBy.adding(days: 1).description) && row.contains("pay-by date has not passed"),
                          "\(database): filing waits until the day after the pay-by date (config/legal.yaml): \(row)")
            let letters = section("demand-letters", in: page, until: "</ul>")
            XCTAssertTrue(letters.contains("/legal/LC-KW1/letters/") && letters.contains(payBy.description), "\(database): the letter to print: \(letters)")

            let chinese = try await legal.get("/legal?lang=zh-CN").body.string
            let zhRow = section("legal-cases", in: chinese)
            XCTAssertTrue(zhRow.contains("已立案") && zhRow.contains("催告函给出的还款期限未过"), "\(database): \(zhRow)")
            XCTAssertFalse(zhRow.contains("legal.pay_by") || zhRow.contains("demand_letter"), "\(database): no raw codes on a zh-CN page")

            let taken = try await legal.post("/legal", ["case_id": "KW2"])
            XCTAssertEqual(taken.status, .seeOther, "\(database): a referred case is taken into legal from the worklist without a reason")
            let after = section("legal-reviews", in: try await legal.get("/legal?lang=en").body.string)
            XCTAssertTrue(after.contains("href=\"/legal/LC-KW2?lang=en\""), "\(database): the task now leads to its legal case: \(after)")
        }
    }
}
