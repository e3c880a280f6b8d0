import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The field agent checks in a visit from the phone (issue 25): a button on each dispatched visit
/// of the team's day records that the customer confirmed it, by the workflow the API's
/// `POST /api/v1/visits/:id/confirm` uses (audited `visit_confirmed`), in words in both languages.
final class VisitCheckInPageTests: XCTestCase {
    /// 2026-11-24T00:00:00Z.
    static let dispatchedAt = Date(timeIntervalSince1970: 1_795_478_400)

    func testTheAssignedAgentChecksInAVisitFromTheDayPage() async throws {
        try await VisitFixture.each(start: Self.dispatchedAt) { fixture, clock, database in
            let supervisorToken = try await fixture.token(.supervisor)
            let json = #"{"case_id":"KW1","agent_id":"f-shanghai","starts_at":"2026-11-26T10:00:00+08:00","ends_at":"2026-11-26T12:00:00+08:00"}"#
            let dispatched = try await fixture.api(.POST, "/api/v1/visits", token: supervisorToken, json: json)
            XCTAssertEqual(dispatched.status, .created, "\(database): \(dispatched.json)")
            let id = try XCTUnwrap(dispatched.json["id"] as? String)
            clock.advance(seconds: 2 * 86_400)

            let agent = try await fixture.signedIn(.fieldAgent, username: "shanghai-team", agentId: "f-shanghai")
            let chinese = try await agent.get("/visits?lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("action=\"/visits/\(id)/confirm?lang=") && chinese.contains("签到：客户已确认外访"), "\(database): the button in Chinese")
            let day = try await agent.get("/visits?lang=en").body.string
            XCTAssertTrue(day.contains("action=\"/visits/\(id)/confirm?lang=") && day.contains("Check in: the customer confirmed the visit"), database)

            let supervisor = try await fixture.signedIn(.supervisor, username: "boss")
            let desk = try await supervisor.get("/visits?lang=en&date=2026-11-26").body.string
            XCTAssertTrue(desk.contains("id=\"visit-\(id)\"") && !desk.contains("/visits/\(id)/confirm"), "\(database): the button is the team's")
            let bySupervisor = try await supervisor.post("/visits/\(id)/confirm")
            XCTAssertEqual(bySupervisor.status, .forbidden, database)
            let other = try await fixture.signedIn(.fieldAgent, username: "beijing-team", agentId: "f-beijing")
            _ = try await other.get("/visits?lang=en")
            let byOther = try await other.post("/visits/\(id)/confirm")
            XCTAssertEqual(byOther.status, .notFound, "\(database): another team's visit")
            let forged = try await agent.post("/visits/\(id)/confirm", csrf: false)
            XCTAssertEqual(forged.status, .forbidden, "\(database): without the CSRF token")
            let before = try await fixture.auditEntries()
            XCTAssertFalse(before.contains { $0.action == "visit_confirmed" }, "\(database): nothing was checked in yet")

            let checkedIn = try await agent.post("/visits/\(id)/confirm")
            XCTAssertEqual(checkedIn.status, .seeOther, database)
            XCTAssertEqual(checkedIn.headers.first(name: .location), "/visits?date=2026-11-26#visit-\(id)", database)
            let after = try await agent.get("/visits?lang=en").body.string
            XCTAssertTrue(after.contains("data-status=\"confirmed\""), "\(database): the visit is confirmed")
            XCTAssertFalse(after.contains("/visits/\(id)/confirm"), "\(database): checked in once")
            XCTAssertTrue(after.contains("action=\"/visits/\(id)/report?lang="), "\(database): the report form stays")
            let shown = try await fixture.api(.GET, "/api/v1/visits/\(id)", token: supervisorToken)
            XCTAssertEqual(shown.json["status"] as? String, "confirmed", database)
            let audited = try await fixture.auditEntries().filter { $0.action == "visit_confirmed" }
            XCTAssertEqual(audited.map(\.actor), ["user:shanghai-team"], database)

            let again = try await agent.post("/visits/\(id)/confirm")
            XCTAssertEqual(again.status, .conflict, database)
            XCTAssertTrue(again.body.string.contains("id=\"visits-error\"") && again.body.string.contains("status"), "\(database): the refusal names the field")
        }
    }
}
