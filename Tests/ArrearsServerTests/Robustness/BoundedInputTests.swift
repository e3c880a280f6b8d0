import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Values from outside are bounded before anything computes with them (docs/robustness.md):
/// the faults found by trying the server as an attacker would, each through the door it came
/// in by, answered with an error naming the field while the server keeps serving.
final class BoundedInputTests: XCTestCase {
    static let today = LocalDate.today()

    /// A1 of C1 owes 115.00 forty days ago and 115.00 in twenty days; the position is as of today.
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.eachWithOneLoan(today: Self.today, dueDays: [-40, 20]) { fixture, database in
            _ = try await PositionRepository(store: fixture.store, buckets: .standard).recompute(asOf: Self.today)
            try await body(fixture, database)
        }
    }

    private func assertServing(_ fixture: SecurityFixture, _ database: String, file: StaticString = #filePath, line: UInt = #line) async throws {
        let health = try await fixture.app.sendRequest(.GET, "/health")
        XCTAssertEqual(health.status, .ok, "\(database): the server still answers", file: file, line: line)
    }

    func testAPlanQuoteWhoseFirstDateIsInTheYear9999Is422AndTheServerKeepsServing() async throws {
        try await SecurityFixture.each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            for (firstDate, field) in [("9999-12-31", "first_date"), ("0001-01-01", "first_date"), ("2200-01-01", "first_date"),
                                       (Self.today.adding(months: 12).adding(days: 1).description, "first_date")] {
                let answer = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token,
                                                   json: #"{"total": "100.00", "currency": "CNY", "count": 60, "first_date": "\#(firstDate)"}"#)
                XCTAssertEqual(answer.status, .unprocessableEntity, "\(database): \(firstDate)")
                XCTAssertEqual(answer.error["field"], field, "\(database): \(firstDate)")
            }
            let lastDay = Self.today.adding(months: 12)
            let latest = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token,
                                               json: #"{"total": "100.00", "currency": "CNY", "count": 60, "first_date": "\#(lastDay)"}"#)
            XCTAssertEqual(latest.status, .ok, "\(database): a plan may start a year from today")
            XCTAssertEqual((latest.json["instalments"] as? [[String: Any]])?.last?["due_on"] as? String, lastDay.adding(months: 59).description, database)
            try await assertServing(fixture, database)
        }
    }

    func testAMonthlyReportForTheYear9999IsABadRequestNotATrap() async throws {
        try await SecurityFixture.each { fixture, database in
            let browser = try await fixture.signedIn(.supervisor)
            for query in ["month=9999-12", "month=0001-01", "month=2026-13", "month=\(String(repeating: "9", count: 30))"] {
                let page = try await browser.get("/reports/monthly?\(query)")
                XCTAssertEqual(page.status, .badRequest, "\(database): \(query)")
            }
            for query in ["from=0001-01-01", "to=9999-12-31", "from=2026-01-01&to=2199-12-31"] {
                let page = try await browser.get("/analytics?\(query)")
                XCTAssertEqual(page.status, .badRequest, "\(database): \(query)")
            }
            let lastMonth = try await browser.get("/reports/monthly?month=2199-12")
            XCTAssertEqual(lastMonth.status, .ok, "\(database): the last supported month has a report")
            try await assertServing(fixture, database)
        }
    }

    func testAPageNumberAtIntMaxIsABadRequestNotATrap() async throws {
        try await SecurityFixture.each { fixture, database in
            let browser = try await fixture.signedIn(.supervisor)
            for page in [String(Int.max), String(Int.min), "0", "-1", "99999999999999999999", "1e3"] {
                let answer = try await browser.get("/?page=\(page)")
                XCTAssertEqual(answer.status, .badRequest, "\(database): page \(page)")
            }
            let second = try await browser.get("/?page=2")
            XCTAssertEqual(second.status, .ok, database)
            let token = try await fixture.token(.supervisor)
            for limit in [String(Int.max), "0", "201"] {
                let answer = try await fixture.api(.GET, "/api/v1/cases?limit=\(limit)", token: token)
                XCTAssertEqual(answer.status, .badRequest, "\(database): limit \(limit)")
                XCTAssertEqual(answer.error["field"], "limit", database)
            }
            try await assertServing(fixture, database)
        }
    }

    func testAPaymentDatedFarAwayIsRefusedAndTheAccountStaysAsOfToday() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.gateway)
            func pay(_ id: String, _ paidOn: String, _ amount: String = "10.00") async throws -> APIAnswer {
                try await fixture.api(.POST, "/api/v1/payments", token: token,
                                      json: #"{"payment_id": "\#(id)", "account_id": "A1", "paid_on": "\#(paidOn)", "amount": "\#(amount)", "currency": "CNY"}"#)
            }
            for (id, paidOn) in [("P-FUTURE", "9999-12-31"), ("P-PAST", "0001-01-01"), ("P-TOMORROW", Self.today.adding(days: 2).description),
                                 ("P-1899", "1899-12-31")] {
                let answer = try await pay(id, paidOn)
                XCTAssertEqual(answer.status, .unprocessableEntity, "\(database): \(paidOn)")
                XCTAssertEqual(answer.error["field"], "paid_on", "\(database): \(paidOn)")
            }
            let tooLarge = try await pay("P-HUGE", Self.today.description, "100000000000000000")
            XCTAssertEqual(tooLarge.status, .unprocessableEntity, database)
            XCTAssertEqual(tooLarge.error["field"], "amount", database)
            let stored = try await fixture.store.sql.raw("SELECT COUNT(*) AS n FROM payments").first()?.decode(column: "n", as: Int.self)
            XCTAssertEqual(stored, 0, "\(database): nothing stored for a refused payment")
            let asOf = try await fixture.store.sql.raw("SELECT as_of FROM account_positions WHERE account_id = 'A1'").first()?.decode(column: "as_of", as: String.self)
            XCTAssertEqual(asOf, Self.today.description, "\(database): no refused row moved the position")
            let good = try await pay("P-TODAY", InputDateRules().today().adding(days: -1).description)
            XCTAssertEqual(good.status, .created, "\(database): \(good.json)")
            try await assertServing(fixture, database)
        }
    }

    func testFreeTextBeyondItsLengthAndAmountsBeyondTheLimitAreRefused() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.supervisor)
            let long = String(repeating: "长", count: 2_001)
            let reason = try await fixture.api(.POST, "/api/v1/arrangements", token: token,
                                               json: #"{"account_id": "A1", "kind": "deferral", "new_due_date": "\#(Self.today.adding(days: 30))", "reason": "\#(long)"}"#)
            XCTAssertEqual(reason.status, .unprocessableEntity, database)
            XCTAssertEqual(reason.error["field"], "reason", database)
            let quote = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token,
                                              json: #"{"total": "9223372036854775807", "currency": "CNY", "count": 3, "first_date": "\#(Self.today)"}"#)
            XCTAssertEqual(quote.status, .unprocessableEntity, database)
            XCTAssertEqual(quote.error["field"], "total", database)
            let count = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token,
                                              json: #"{"total": "100.00", "currency": "CNY", "count": 9223372036854775807, "first_date": "\#(Self.today)"}"#)
            XCTAssertEqual(count.status, .unprocessableEntity, database)
            XCTAssertEqual(count.error["field"], "count", database)
            try await assertServing(fixture, database)
        }
    }
}
