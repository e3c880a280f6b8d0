import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTVapor

/// The customer's flags and the time gates (`LegalGate`) through the doors people use: the API
/// answers 409 `blocked_by_policy` naming the rule, the legal page says why in words. On SQLite
/// and PostgreSQL.
final class LegalGateAPITests: XCTestCase {
    private func errorBody(_ answer: APIAnswer) -> [String: Any] { answer.json["error"] as? [String: Any] ?? [:] }

    private func flag(_ kind: CustomerFlag.Kind, _ customerId: String, _ fixture: SecurityFixture) async throws {
        _ = try await ContactRecords.addFlag(CustomerFlag(kind: kind), customerId: customerId, note: "test", by: "user:test", on: fixture.store.sql)
    }

    private func stage(_ fixture: SecurityFixture, _ token: String, _ json: String) async throws -> APIAnswer {
        try await fixture.api(.POST, "/api/v1/legal-cases/LC-KW1/stage", token: token, json: json)
    }

    func testATimeBarredCaseIsNeitherFiledNorThreatened() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let legal = try await fixture.token(.legal)
            _ = try await fixture.api(.POST, "/api/v1/legal-cases", token: legal, json: #"{"case_id":"KW1","reason":"refuses all contact"}"#)
            _ = try await self.stage(fixture, legal, #"{"stage":"demand_letter"}"#)
            try await self.flag(.timeBarred, "CW1", fixture)
            let filed = try await self.stage(fixture, legal, #"{"stage":"filed","court_name":"上海市浦东新区人民法院"}"#)
            XCTAssertEqual(filed.status, .conflict, database)
            XCTAssertEqual(self.errorBody(filed)["code"] as? String, "blocked_by_policy", database)
            XCTAssertEqual(self.errorBody(filed)["rule"] as? String, "legal.time_barred", database)
            XCTAssertTrue((self.errorBody(filed)["message"] as? String)?.contains("time-barred") == true, database)
            let payBy = LocalMoment(Date(), offset: 0).date.adding(days: 14).description
            let letter = try await fixture.api(.POST, "/api/v1/legal-cases/LC-KW1/demand-letter", token: legal, json: #"{"pay_by":"\#(payBy)"}"#)
            XCTAssertEqual([letter.status.code.description, self.errorBody(letter)["rule"] as? String ?? ""], ["409", "legal.time_barred"], database)
            let shown = try await fixture.api(.GET, "/api/v1/legal-cases/LC-KW1", token: legal)
            XCTAssertEqual(shown.json["stage"] as? String, "demand_letter", database)
            XCTAssertEqual((shown.json["documents"] as? [[String: Any]])?.count, 0, "\(database): no letter was written")
            let closed = try await self.stage(fixture, legal, #"{"stage":"closed","reason":"time-barred"}"#)
            XCTAssertEqual(closed.json["stage"] as? String, "closed", database)
        }
    }

    func testADisputedCaseIsHeldOnTheAPIAndThePage() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            try await self.flag(.dispute, "CW1", fixture)
            let legal = try await fixture.token(.legal)
            let opened = try await fixture.api(.POST, "/api/v1/legal-cases", token: legal, json: #"{"case_id":"KW1","reason":"refuses all contact"}"#)
            XCTAssertEqual(opened.status, .conflict, database)
            XCTAssertEqual(self.errorBody(opened)["code"] as? String, "blocked_by_policy", database)
            XCTAssertEqual(self.errorBody(opened)["rule"] as? String, "legal.dispute", database)
            XCTAssertTrue((self.errorBody(opened)["message"] as? String)?.contains("on hold while the flag holds") == true, database)
            let browser = try await fixture.signedIn(.legal)
            _ = try await browser.get("/legal?lang=en")
            let page = try await browser.post("/legal?lang=en", ["case_id": "KW1", "reason": "refuses all contact"])
            XCTAssertEqual(page.status, .conflict, database)
            XCTAssertTrue(page.body.string.contains("flagged dispute"), "\(database): the page says why")
            let counts = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM legal_cases")
            XCTAssertEqual(counts, 0, database)
        }
    }

    func testADeceasedCustomersCaseStopsWithTheReasonAndMayClose() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let legal = try await fixture.token(.legal)
            _ = try await fixture.api(.POST, "/api/v1/legal-cases", token: legal, json: #"{"case_id":"KW1","reason":"refuses all contact"}"#)
            try await self.flag(.deceased, "CW1", fixture)
            let moved = try await self.stage(fixture, legal, #"{"stage":"demand_letter"}"#)
            XCTAssertEqual(moved.status, .conflict, database)
            XCTAssertEqual(self.errorBody(moved)["rule"] as? String, "legal.deceased", database)
            XCTAssertTrue((self.errorBody(moved)["message"] as? String)?.contains("flagged deceased: legal action stops") == true, database)
            let browser = try await fixture.signedIn(.legal)
            _ = try await browser.get("/legal/LC-KW1?lang=en")
            let page = try await browser.post("/legal/LC-KW1/stage?lang=en", ["stage": "demand_letter", "on": "", "court_name": "", "court_case_number": "", "reason": ""])
            XCTAssertEqual(page.status, .conflict, database)
            XCTAssertTrue(page.body.string.contains("flagged deceased: legal action stops"), database)
            let closed = try await self.stage(fixture, legal, #"{"stage":"closed","reason":"deceased; claim to the estate"}"#)
            XCTAssertEqual(closed.json["close_reason"] as? String, "deceased; claim to the estate", database)
        }
    }

    func testNoFilingUntilTheDemandLettersPayByDateHasPassed() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let legal = try await fixture.token(.legal)
            _ = try await fixture.api(.POST, "/api/v1/legal-cases", token: legal, json: #"{"case_id":"KW1","reason":"refuses all contact"}"#)
            let today = LocalMoment(Date(), offset: 0).date
            let payBy = today.adding(days: 14)
            let letter = try await fixture.api(.POST, "/api/v1/legal-cases/LC-KW1/demand-letter", token: legal, json: #"{"pay_by":"\#(payBy)"}"#)
            XCTAssertEqual(letter.status, .created, database)
            _ = try await self.stage(fixture, legal, #"{"stage":"demand_letter"}"#)
            let early = try await self.stage(fixture, legal, #"{"stage":"filed","court_name":"上海市浦东新区人民法院"}"#)
            XCTAssertEqual(early.status, .conflict, database)
            XCTAssertEqual(self.errorBody(early)["rule"] as? String, "legal.pay_by", database)
            XCTAssertEqual(self.errorBody(early)["next_allowed_at"] as? String, payBy.adding(days: 1).description, database)
            XCTAssertTrue((self.errorBody(early)["message"] as? String)?.contains("a filing is possible from \(payBy.adding(days: 1))") == true, database)
            let browser = try await fixture.signedIn(.legal)
            _ = try await browser.get("/legal/LC-KW1?lang=en")
            let page = try await browser.post("/legal/LC-KW1/stage?lang=en", ["stage": "filed", "on": "", "court_name": "上海市浦东新区人民法院", "court_case_number": "", "reason": ""])
            XCTAssertEqual(page.status, .conflict, database)
            XCTAssertTrue(page.body.string.contains("possible from \(payBy.adding(days: 1))"), database)

            // The pay-by date passes (the letter is dated back): the filing goes ahead.
            try await fixture.store.sql.raw("UPDATE legal_documents SET pay_by = \(bind: today.adding(days: -1).description)").run()
            let filed = try await self.stage(fixture, legal, #"{"stage":"filed","court_name":"上海市浦东新区人民法院"}"#)
            XCTAssertEqual(filed.status, .ok, database)
            XCTAssertEqual(filed.json["stage"] as? String, "filed", database)
        }
    }
}
