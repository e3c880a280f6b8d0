import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// A settlement below the balance, through the API, the case page and the customer's own page on
/// both databases: once approved, what is owed is the settlement's amount less what has been paid,
/// on the account, the case and the pages, beside the balance it would forgive.
final class SettlementOwedTests: XCTestCase {
    static let today = LocalDate.today()

    /// C1's account A1 owes 345.00: 115.00 (100.00 + 10.00 + 5.00) fell due 70 and 40 days ago
    /// and 115.00 falls due in 20 days; positions are computed and C1's case owes 230.00,
    /// assigned to collector c001 (user zhang).
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.eachWithOneLoan(today: Self.today, dueDays: [-70, -40, 20]) { fixture, database in
            _ = try await PositionRepository(store: fixture.store, buckets: .standard).recompute(asOf: Self.today)
            try await fixture.store.sql.raw("""
                INSERT INTO cases (id, customer_id, status, opened_on, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
                VALUES ('CASE-C1', 'C1', 'open', '2026-01-01', 'standard', 'champion', 70, '61-90', 'CNY', 23000, \(bind: Self.today.description))
                """).run()
            try await fixture.store.sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                VALUES ('CASE-C1@d', 'CASE-C1', 'C1', \(bind: Self.today.description), 'standard', '61-90', 70, 'call', 'call', 'champion', 'created', 'Call', 10, 'c001')
                """).run()
            try await body(fixture, database)
        }
    }

    private func amount(_ json: [String: Any], _ path: String...) -> String? {
        var object: Any? = json
        for key in path { object = (object as? [String: Any])?[key] }
        return (object as? [String: Any])?["amount"] as? String
    }

    func testAnApprovedSettlementIsWhatIsOwedOnTheAccountTheCaseAndThePage() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            let supervisor = try await fixture.token(.supervisor)
            let proposed = try await fixture.api(.POST, "/api/v1/arrangements", token: collector, json: """
                {"account_id": "A1", "kind": "settlement", "amount": "300.00", "pay_by": "\(Self.today.adding(days: 10))"}
                """)
            XCTAssertEqual(proposed.json["status"] as? String, "proposed", "\(database): \(proposed.json)")
            let before = try await fixture.api(.GET, "/api/v1/accounts/A1", token: supervisor)
            XCTAssertEqual(amount(before.json, "position", "overdue"), "230.00", "\(database): a proposal changes nothing")
            XCTAssertNil(before.json["settlement"], database)

            let id = proposed.json["id"] as? String ?? ""
            let approved = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/approve", token: supervisor, json: #"{"note": "hardship confirmed"}"#)
            XCTAssertEqual(approved.json["status"] as? String, "active", "\(database): \(approved.json)")
            let account = try await fixture.api(.GET, "/api/v1/accounts/A1", token: supervisor)
            XCTAssertEqual(amount(account.json, "position", "overdue"), "300.00", "\(database): the settlement's amount is owed now, not 345.00")
            XCTAssertEqual(amount(account.json, "position", "outstanding"), "300.00", database)
            XCTAssertEqual(account.json["settlement"].flatMap { ($0 as? [String: Any])?["status"] as? String }, "active", database)
            XCTAssertEqual(amount(account.json, "settlement", "remaining"), "300.00", database)
            XCTAssertEqual(amount(account.json, "settlement", "balance_without_settlement"), "345.00", database)
            XCTAssertEqual(amount(account.json, "settlement", "forgiven"), "45.00", database)
            let caseFile = try await fixture.api(.GET, "/api/v1/cases/CASE-C1", token: supervisor)
            XCTAssertEqual(amount(caseFile.json, "case", "overdue"), "300.00", "\(database): \(caseFile.json["case"] ?? "")")

            // 100.00 paid the same day counts towards the settlement.
            let paid = try await fixture.api(.POST, "/api/v1/payments", token: supervisor, json: """
                {"payment_id": "P1", "account_id": "A1", "paid_on": "\(Self.today)", "amount": "100.00", "currency": "CNY"}
                """)
            XCTAssertEqual(amount(paid.json, "position", "overdue"), "200.00", "\(database): \(paid.json)")
            let after = try await fixture.api(.GET, "/api/v1/accounts/A1", token: supervisor)
            XCTAssertEqual(amount(after.json, "settlement", "paid"), "100.00", database)
            XCTAssertEqual(amount(after.json, "settlement", "remaining"), "200.00", database)
            XCTAssertEqual(amount(after.json, "settlement", "balance_without_settlement"), "245.00", "\(database): owed again if it breaks")
            let paidCase = try await fixture.api(.GET, "/api/v1/cases/CASE-C1", token: supervisor)
            XCTAssertEqual(amount(paidCase.json, "case", "overdue"), "200.00", "\(database): the case owes what the account does at once")

            _ = try await fixture.addUser("zhang", .collector, agentId: "c001")
            let browser = Browser(app: fixture.app)
            _ = try await browser.signIn("zhang", SecurityFixture.password)
            let page = try await browser.get("/work/cases/CASE-C1?lang=en").body.string
            XCTAssertTrue(page.contains("Settlement \(id): 300.00 Pay by \(Self.today.adding(days: 10)) · paid 100.00 · <strong>owed under the settlement 200.00</strong> · balance without it 245.00 · forgiven once paid 45.00"), "\(database): \(page)")
            let chinese = try await browser.get("/work/cases/CASE-C1?lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("按和解仍应还 200.00"), database)

            let link = "/s/" + SelfServiceLink.token(customerId: "C1", businessDate: Self.today, signer: fixture.store.links)
            let own = try await fixture.app.sendRequest(.GET, link + "?lang=en").body.string
            XCTAssertTrue(own.contains(#"<td>Personal loan A1</td><td class="num">200.00 CNY</td><td class="num">200.00 CNY</td>"#), "\(database): \(own)")
            XCTAssertTrue(own.contains("Settlement · active: pay 200.00 CNY by \(Self.today.adding(days: 10)); the rest of the balance, 45.00 CNY, is then waived"),
                          "\(database): \(own)")

            // The rest paid: the next day's settlement step completes it and forgives 45.00.
            _ = try await fixture.api(.POST, "/api/v1/payments", token: supervisor, json: """
                {"payment_id": "P2", "account_id": "A1", "paid_on": "\(Self.today)", "amount": "200.00", "currency": "CNY"}
                """)
            let settled = try await fixture.store.transaction {
                try await ArrangementSettlement.settle(on: Self.today.adding(days: 1), graceDays: 5, database: $0)
            }
            XCTAssertEqual(settled, [.completed: 1], database)
            let done = try await fixture.api(.GET, "/api/v1/accounts/A1", token: supervisor)
            XCTAssertEqual(done.json["settlement"].flatMap { ($0 as? [String: Any])?["status"] as? String }, "completed", database)
            XCTAssertEqual(amount(done.json, "settlement", "forgiven"), "45.00", database)
            XCTAssertEqual(amount(done.json, "settlement", "remaining"), "0.00", database)
            let closedPage = try await browser.get("/work/cases/CASE-C1?lang=en").body.string
            XCTAssertTrue(closedPage.contains("Settled on \(Self.today.adding(days: 1)) (Settlement \(id), approved by "), "\(database): \(closedPage)")
            XCTAssertTrue(closedPage.contains("· paid 300.00 · forgiven 45.00</p>"), database)
        }
    }
}
