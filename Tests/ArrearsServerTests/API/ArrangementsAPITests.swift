import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Arrangements through the API: the calculator, proposals in a collector's own work, approvals
/// by authority limit, and the list of approvals waiting.
final class ArrangementsAPITests: XCTestCase {
    static let today = LocalDate.today()

    /// C1's account A1 owes 115.00 (100.00 + 10.00 + 5.00) 70 and 40 days ago and in 20 days;
    /// C1's case is assigned to collector c001.
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.eachWithOneLoan(today: Self.today, dueDays: [-70, -40, 20]) { fixture, database in
            try await fixture.store.sql.raw("""
                INSERT INTO cases (id, customer_id, status, opened_on, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
                VALUES ('CASE-C1', 'C1', 'open', '2026-01-01', 'standard', 'champion', 70, '61-90', 'CNY', 100000, \(bind: Self.today.description))
                """).run()
            try await fixture.store.sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                VALUES ('CASE-C1@d', 'CASE-C1', 'C1', \(bind: Self.today.description), 'standard', '61-90', 70, 'call', 'call', 'champion', 'created', 'Call', 10, 'c001')
                """).run()
            try await body(fixture, database)
        }
    }

    func testTheCalculatorSplitsATotalToTheCentAndNamesBadFields() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            let good = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token,
                                             json: #"{"total": "100.00", "currency": "CNY", "count": 3, "first_date": "\#(Self.today)"}"#)
            XCTAssertEqual(good.status, .ok, database)
            XCTAssertEqual((good.json["instalments"] as? [[String: Any]])?.compactMap { $0["amount"] as? String }, ["33.34", "33.33", "33.33"], database)
            let yen = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token,
                                            json: #"{"total": "10000", "currency": "JPY", "count": 3, "first_date": "\#(Self.today)"}"#)
            XCTAssertEqual((yen.json["instalments"] as? [[String: Any]])?.compactMap { $0["amount"] as? String }, ["3334", "3333", "3333"], database)
            for (json, field) in [
                (#"{"total": "100.00", "currency": "CNY", "count": 0, "first_date": "\#(Self.today)"}"#, "count"),
                (#"{"total": "100.001", "currency": "CNY", "count": 3, "first_date": "\#(Self.today)"}"#, "total"),
                (#"{"total": "100.00", "currency": "XXX", "count": 3, "first_date": "\#(Self.today)"}"#, "currency"),
                (#"{"total": "100.00", "currency": "CNY", "count": 3, "first_date": "\#(Self.today.adding(days: -1))"}"#, "first_date"),
                (#"{"total": "100.00", "currency": "CNY", "count": 3, "first_date": "soon"}"#, "first_date"),
                (#"{"total": "100.00", "currency": "CNY", "count": 3}"#, "first_date"),
            ] {
                let answer = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token, json: json)
                XCTAssertEqual(answer.status, .unprocessableEntity, "\(database): \(json)")
                XCTAssertEqual(answer.error["field"], field, "\(database): \(json)")
            }
            let notJSON = try await fixture.api(.POST, "/api/v1/arrangements/quote", token: token, json: "total=1")
            XCTAssertEqual(notJSON.status, .badRequest, database)
        }
    }

    func testACollectorProposesAPlanWithinTheirAuthorityAndItIsActiveAtOnce() async throws {
        try await each { fixture, database in
            let mine = try await fixture.token(.collector, agentId: "c001")
            let other = try await fixture.token(.collector, agentId: "c002")
            let plan = #"{"account_id": "A1", "kind": "instalment_plan", "count": 3, "first_date": "\#(Self.today.adding(days: 7))"}"#
            let elsewhere = try await fixture.api(.POST, "/api/v1/arrangements", token: other, json: plan)
            XCTAssertEqual(elsewhere.status, .notFound, "\(database): not this collector's customer")
            let answer = try await fixture.api(.POST, "/api/v1/arrangements", token: mine, json: plan)
            XCTAssertEqual(answer.status, .created, "\(database): \(answer.json)")
            XCTAssertEqual(answer.json["status"] as? String, "active", database)
            XCTAssertEqual(answer.json["amount"] as? String, "230.00", database)
            XCTAssertEqual((answer.json["instalments"] as? [[String: Any]])?.compactMap { $0["amount"] as? String }, ["76.68", "76.66", "76.66"], database)
            let again = try await fixture.api(.POST, "/api/v1/arrangements", token: mine, json: plan)
            XCTAssertEqual(again.status, .unprocessableEntity, database)
            XCTAssertEqual(again.error["field"], "account_id", "\(database): one open arrangement per account")
            let listed = try await fixture.api(.GET, "/api/v1/accounts/A1/arrangements", token: mine)
            XCTAssertEqual((listed.json["items"] as? [[String: Any]])?.count, 1, database)
            let hidden = try await fixture.api(.GET, "/api/v1/accounts/A1/arrangements", token: other)
            XCTAssertEqual(hidden.status, .notFound, database)
        }
    }

    func testBadProposalsNameTheirField() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            for (json, status, field) in [
                (#"{"account_id": "A1", "kind": "loan"}"#, HTTPStatus.unprocessableEntity, "kind"),
                (#"{"account_id": "A1", "kind": "instalment_plan", "first_date": "\#(Self.today)"}"#, .unprocessableEntity, "count"),
                (#"{"account_id": "A1", "kind": "deferral", "new_due_date": "\#(Self.today.adding(days: 10))"}"#, .unprocessableEntity, "reason"),
                (#"{"account_id": "A1", "kind": "waiver", "waiver_share": "thirty"}"#, .unprocessableEntity, "waiver_share"),
                (#"{"account_id": "A1", "kind": "waiver"}"#, .unprocessableEntity, "waiver_amount"),
                (#"{"account_id": "A1", "kind": "settlement", "amount": "345.00", "pay_by": "\#(Self.today)"}"#, .unprocessableEntity, "amount"),
                (#"{"account_id": "A1", "kind": "deferral", "new_due_date": "\#(Self.today.adding(days: 400))", "reason": "x"}"#, .forbidden, "max_deferral_days"),
                (#"{"account_id": 7, "kind": "waiver"}"#, .unprocessableEntity, "account_id"),
            ] {
                let answer = try await fixture.api(.POST, "/api/v1/arrangements", token: token, json: json)
                XCTAssertEqual(answer.status, status, "\(database): \(json) \(answer.json)")
                XCTAssertEqual(answer.error["field"], field, "\(database): \(json)")
            }
        }
    }

    func testAWaiverBeyondTheCollectorsLimitWaitsForASupervisorWithinTheirs() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            let supervisor = try await fixture.token(.supervisor)
            let proposed = try await fixture.api(.POST, "/api/v1/arrangements", token: collector,
                                                 json: #"{"account_id": "A1", "kind": "waiver", "waiver_share": "60%", "reason": "hardship"}"#)
            XCTAssertEqual(proposed.json["status"] as? String, "proposed", database)
            XCTAssertEqual(proposed.json["required_role"] as? String, "admin", database)
            let id = proposed.json["id"] as? String ?? ""
            let waiting = try await fixture.api(.GET, "/api/v1/arrangements?status=proposed", token: supervisor)
            XCTAssertEqual((waiting.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [id], database)
            let byCollector = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/approve", token: collector, json: "{}")
            XCTAssertEqual(byCollector.status, .forbidden, database)
            let beyond = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/approve", token: supervisor, json: "{}")
            XCTAssertEqual(beyond.status, .forbidden, database)
            XCTAssertEqual(beyond.error["code"], "beyond_authority", database)
            XCTAssertEqual(beyond.error["field"], "max_waiver_share", database)
            let rejected = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/reject", token: supervisor, json: #"{"note": "ask for 30%"}"#)
            XCTAssertEqual(rejected.json["status"] as? String, "rejected", database)
            let late = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/approve", token: supervisor, json: "{}")
            XCTAssertEqual(late.status, .conflict, database)

            let smaller = try await fixture.api(.POST, "/api/v1/arrangements", token: collector,
                                                json: #"{"account_id": "A1", "kind": "waiver", "waiver_share": "30%", "reason": "hardship"}"#)
            let approved = try await fixture.api(.POST, "/api/v1/arrangements/\(smaller.json["id"] as? String ?? "")/approve", token: supervisor, json: "{}")
            XCTAssertEqual(approved.status, .ok, database)
            XCTAssertEqual(approved.json["status"] as? String, "completed", database)
            XCTAssertEqual(approved.json["amount"] as? String, "9.00", "\(database): 30% of 30.00 overdue interest and fees")
            let badStatus = try await fixture.api(.GET, "/api/v1/arrangements?status=open", token: supervisor)
            XCTAssertEqual(badStatus.status, .badRequest, database)
            let unknown = try await fixture.api(.POST, "/api/v1/arrangements/ARR-none/approve", token: supervisor, json: "{}")
            XCTAssertEqual(unknown.status, .notFound, database)
        }
    }

    /// A1's overdue interest and fees are 30.00: a collector may waive 3.00 (10%).
    func testTenPercentThenTenPercentAgainIsJudgedAsTwentyAndRefusedNamingTheTotal() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            let supervisor = try await fixture.token(.supervisor)
            let another = try await fixture.token(.supervisor)
            let admin = try await fixture.token(.admin)
            let tenPercent = #"{"account_id": "A1", "kind": "waiver", "waiver_share": "10%", "reason": "hardship"}"#
            let first = try await fixture.api(.POST, "/api/v1/arrangements", token: collector, json: tenPercent)
            XCTAssertEqual(first.json["status"] as? String, "proposed", "\(database): four eyes, even within the collector's own limit: \(first.json)")
            XCTAssertEqual(first.json["required_role"] as? String, "collector", database)
            let approved = try await fixture.api(.POST, "/api/v1/arrangements/\(first.json["id"] as? String ?? "")/approve", token: supervisor, json: "{}")
            XCTAssertEqual(approved.json["status"] as? String, "completed", "\(database): \(approved.json)")

            let second = try await fixture.api(.POST, "/api/v1/arrangements", token: collector, json: tenPercent)
            XCTAssertEqual(second.json["required_role"] as? String, "supervisor", "\(database): 10% and 10% again is 20%, beyond a collector's 10%")
            let secondApproved = try await fixture.api(.POST, "/api/v1/arrangements/\(second.json["id"] as? String ?? "")/approve", token: supervisor, json: "{}")
            XCTAssertEqual(secondApproved.json["status"] as? String, "completed", database)

            // 40% more makes 60% within the year: beyond any supervisor's 50%.
            let third = try await fixture.api(.POST, "/api/v1/arrangements", token: supervisor,
                                              json: #"{"account_id": "A1", "kind": "waiver", "waiver_share": "40%", "reason": "hardship"}"#)
            XCTAssertEqual(third.json["required_role"] as? String, "admin", database)
            let thirdId = third.json["id"] as? String ?? ""
            let refused = try await fixture.api(.POST, "/api/v1/arrangements/\(thirdId)/approve", token: another, json: "{}")
            XCTAssertEqual(refused.status, .forbidden, database)
            XCTAssertEqual(refused.error["code"], "beyond_authority", database)
            XCTAssertEqual(refused.error["field"], "max_waiver_share", database)
            XCTAssertTrue(refused.error["message"]?.contains("a cumulative 60% waived on the account within 365 days") ?? false, "\(database): \(refused.json)")
            let byAdmin = try await fixture.api(.POST, "/api/v1/arrangements/\(thirdId)/approve", token: admin, json: "{}")
            XCTAssertEqual(byAdmin.json["status"] as? String, "completed", database)
            let dues = try await fixture.store.sql.raw("""
                SELECT CAST(SUM(interest_minor + fees_minor) AS BIGINT) AS total FROM dues WHERE due_on < \(bind: Self.today.description)
                """).first()
            XCTAssertEqual(try dues?.decode(column: "total", as: Int64.self), 1_458, "\(database): 3.00, then 2.70, then 9.72 of the 30.00 forgiven")
        }
    }

    func testASupervisorsOwnWaiverWaitsForAnotherSupervisor() async throws {
        try await each { fixture, database in
            let supervisor = try await fixture.token(.supervisor)
            let another = try await fixture.token(.supervisor)
            let proposed = try await fixture.api(.POST, "/api/v1/arrangements", token: supervisor,
                                                 json: #"{"account_id": "A1", "kind": "waiver", "waiver_share": "50%", "reason": "hardship"}"#)
            XCTAssertEqual(proposed.json["status"] as? String, "proposed", "\(database): within the supervisor's 50%, yet it waits")
            let id = proposed.json["id"] as? String ?? ""
            let own = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/approve", token: supervisor, json: "{}")
            XCTAssertEqual(own.status, .forbidden, database)
            XCTAssertEqual(own.error["code"], "four_eyes", database)
            let still = try await fixture.api(.GET, "/api/v1/arrangements?status=proposed", token: another)
            XCTAssertEqual((still.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [id], database)
            let approved = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/approve", token: another, json: "{}")
            XCTAssertEqual(approved.status, .ok, database)
            XCTAssertEqual(approved.json["status"] as? String, "completed", database)
            XCTAssertNotEqual(approved.json["decided_by"] as? String, proposed.json["proposed_by"] as? String, database)
        }
    }

    func testARejectionWithoutAReasonIs422AndTheReasonIsKept() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            let supervisor = try await fixture.token(.supervisor)
            let proposed = try await fixture.api(.POST, "/api/v1/arrangements", token: collector,
                                                 json: #"{"account_id": "A1", "kind": "waiver", "waiver_share": "30%", "reason": "hardship"}"#)
            let id = proposed.json["id"] as? String ?? ""
            for body in ["{}", #"{"note": ""}"#, #"{"note": "   "}"#] {
                let refused = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/reject", token: supervisor, json: body)
                XCTAssertEqual(refused.status, .unprocessableEntity, "\(database): \(body)")
                XCTAssertEqual(refused.error["field"], "note", "\(database): \(body)")
            }
            let rejected = try await fixture.api(.POST, "/api/v1/arrangements/\(id)/reject", token: supervisor, json: #"{"note": "no proof of hardship"}"#)
            XCTAssertEqual(rejected.json["status"] as? String, "rejected", database)
            let read = try await fixture.api(.GET, "/api/v1/accounts/A1/arrangements", token: collector)
            XCTAssertEqual((read.json["items"] as? [[String: Any]])?.first?["decision_note"] as? String, "no proof of hardship", database)
        }
    }
}
