import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The field agent's page (issue 25): "today" is the agent's local date in the bank's zone
/// (Asia/Shanghai by default), not the UTC one; the visits are in route order; the team reveals
/// the address and phone of its visit with a reason (audited) and gets a map link and a phone link.
final class FieldAgentDayTests: XCTestCase {
    /// 2026-11-24T00:00:00Z.
    static let dispatchedAt = Date(timeIntervalSince1970: 1_795_478_400)

    /// Dispatches a two-hour visit on `caseId` starting at `start` (ISO 8601 with offset).
    private func dispatch(_ fixture: SecurityFixture, _ caseId: String, _ start: String, _ end: String) async throws -> String {
        let supervisor = try await fixture.token(.supervisor)
        let json = #"{"case_id":"\#(caseId)","agent_id":"f-shanghai","starts_at":"\#(start)","ends_at":"\#(end)"}"#
        let answer = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: json)
        XCTAssertEqual(answer.status, .created, "\(answer.json)")
        return try XCTUnwrap(answer.json["id"] as? String)
    }

    func testTodayIsTheAgentsLocalDateJustAfterMidnightThere() async throws {
        try await VisitFixture.each(start: Self.dispatchedAt) { fixture, clock, database in
            // 07:00 on 26 November in Shanghai is still the 25th in UTC; 10:00 is the 26th in both.
            let early = try await dispatch(fixture, "KW1", "2026-11-26T07:00:00+08:00", "2026-11-26T09:00:00+08:00")
            let late = try await dispatch(fixture, "KW3", "2026-11-26T10:00:00+08:00", "2026-11-26T12:00:00+08:00")
            let agent = try await fixture.signedIn(.fieldAgent, username: "shanghai-team", agentId: "f-shanghai")
            // 2026-11-25T16:30:00Z: half past midnight on the 26th in Shanghai.
            clock.advance(seconds: 40 * 3_600 + 1_800)
            let page = try await agent.get("/visits?lang=en")
            XCTAssertEqual(page.status, .ok, database)
            let html = page.body.string
            XCTAssertTrue(html.contains("<h1>Field visits · 2026-11-26</h1>"), "\(database): the agent's today, not the UTC 25th")
            let first = try XCTUnwrap(html.range(of: "id=\"visit-\(early)\""), "\(database): the 07:00 visit is today's")
            let second = try XCTUnwrap(html.range(of: "id=\"visit-\(late)\""), database)
            XCTAssertLessThan(first.lowerBound, second.lowerBound, database)
            let yesterday = try await agent.get("/visits?lang=en&date=2026-11-25").body.string
            XCTAssertFalse(yesterday.contains("visit-\(early)"), "\(database): not on the UTC date's page")
        }
    }

    func testTheTeamRevealsTheAddressAndPhoneOnceWithMapAndPhoneLinks() async throws {
        try await VisitFixture.each(start: Self.dispatchedAt) { fixture, clock, database in
            let id = try await dispatch(fixture, "KW1", "2026-11-26T10:00:00+08:00", "2026-11-26T12:00:00+08:00")
            let agent = try await fixture.signedIn(.fieldAgent, username: "shanghai-team", agentId: "f-shanghai")
            clock.advance(seconds: 2 * 86_400)
            let day = try await agent.get("/visits?lang=en&date=2026-11-26").body.string
            XCTAssertTrue(day.contains("/visits/\(id)/reveal") && !day.contains("世纪大道"), "\(database): masked, with the reveal form")
            let short = try await agent.post("/visits/\(id)/reveal", ["reason": "door"])
            XCTAssertEqual(short.status, .unprocessableEntity, database)
            let reason = "finding the door for today's visit"
            let shown = try await agent.post("/visits/\(id)/reveal", ["reason": reason])
            XCTAssertEqual(shown.status, .ok, database)
            let html = shown.body.string
            XCTAssertTrue(html.contains("上海市浦东新区世纪大道 100 号"), "\(database): the address in full")
            XCTAssertTrue(html.contains("href=\"tel:13800138000\""), "\(database): the phone link")
            XCTAssertTrue(html.contains("href=\"geo:"), "\(database): the map link")
            let views = try await fixture.auditEntries().filter { $0.action == "view_personal_data" && $0.subject == "CW1" }
            XCTAssertEqual(views.count, 1, database)
            XCTAssertTrue(views.first.map { $0.details.contains(reason) && $0.details.contains("address") } ?? false, database)
            let again = try await agent.get("/visits?lang=en&date=2026-11-26").body.string
            XCTAssertFalse(again.contains("世纪大道") || again.contains("tel:"), "\(database): shown once")
            let other = try await fixture.signedIn(.fieldAgent, username: "beijing-team", agentId: "f-beijing")
            _ = try await other.get("/visits?lang=en")
            let refused = try await other.post("/visits/\(id)/reveal", ["reason": reason])
            XCTAssertEqual(refused.status, .notFound, "\(database): another team's visit")
        }
    }
}
