import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Times are shown in each user's own time zone, set by an admin, else in the bank's
/// (`bank_time_zone`, Asia/Shanghai by default) (issue 25): the case page, the compliance
/// console's audit log and the field agent's "today" follow the signed-in user's zone.
final class ViewerTimeZoneTests: XCTestCase {
    /// 2026-11-24T00:00:00Z: 08:00 in Shanghai, midnight in London.
    static let start = Date(timeIntervalSince1970: 1_795_478_400)

    /// A browser signed in as a new user of `role`, whose pages show `zone` when given.
    private func signedIn(_ fixture: SecurityFixture, _ username: String, _ role: Role, agentId: String? = nil, zone: String?) async throws -> Browser {
        try await fixture.addUser(username, role, agentId: agentId)
        if let zone { try await UserDirectory.setTimeZone(username: username, zone: zone, actor: "test", on: fixture.store) }
        let browser = Browser(app: fixture.app)
        let answer = try await browser.signIn(username, SecurityFixture.password)
        XCTAssertEqual(answer.status, .seeOther, "signing in as \(username)")
        return browser
    }

    /// The text of the element with `id` in `html` (its first 200 characters).
    private func element(_ id: String, in html: String) -> String {
        guard let start = html.range(of: "id=\"\(id)\"") else { return "" }
        return String(html[start.upperBound...].prefix(200))
    }

    func testTheCasePageShowsTheViewersOwnZoneElseTheBanks() async throws {
        try await VisitFixture.each(start: Self.start) { fixture, _, database in
            let london = try await signedIn(fixture, "london", .supervisor, zone: "Europe/London")
            let bank = try await signedIn(fixture, "bank", .supervisor, zone: nil)
            let londonPage = try await london.get("/work/cases/KW1?lang=en")
            XCTAssertEqual(londonPage.status, .ok, database)
            let londonTime = element("customer-time", in: londonPage.body.string)
            XCTAssertTrue(londonTime.contains("your time 2026-11-24 00:00"), "\(database): London's clock: \(londonTime)")
            XCTAssertTrue(londonTime.contains("2026-11-24 08:00 (Asia/Shanghai)"), "\(database): the customer's beside it: \(londonTime)")
            let bankTime = element("customer-time", in: try await bank.get("/work/cases/KW1?lang=en").body.string)
            XCTAssertTrue(bankTime.contains("your time 2026-11-24 08:00"), "\(database): the bank's zone without one of the user's own: \(bankTime)")

            // A change of zone shows at the next request, without signing in again.
            try await UserDirectory.setTimeZone(username: "london", zone: "America/New_York", actor: "test", on: fixture.store)
            let newYork = element("customer-time", in: try await london.get("/work/cases/KW1?lang=en").body.string)
            XCTAssertTrue(newYork.contains("your time 2026-11-23 19:00"), "\(database): \(newYork)")
        }
    }

    func testTheAuditConsoleAndTheFieldAgentsTodayFollowTheUsersZone() async throws {
        try await VisitFixture.each(start: Self.start) { fixture, clock, database in
            let supervisor = try await fixture.token(.supervisor)
            let json = #"{"case_id":"KW1","agent_id":"f-shanghai","starts_at":"2026-11-26T07:00:00+08:00","ends_at":"2026-11-26T09:00:00+08:00"}"#
            let dispatched = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: json)
            XCTAssertEqual(dispatched.status, .created, "\(database): \(dispatched.json)")
            let visitId = try XCTUnwrap(dispatched.json["id"] as? String)
            // 2026-11-25T16:30:00Z: the 26th at 00:30 in Shanghai, the 25th at 16:30 in London.
            clock.advance(seconds: 40 * 3_600 + 1_800)
            let shanghaiAgent = try await signedIn(fixture, "shanghai-team", .fieldAgent, agentId: "f-shanghai", zone: nil)
            let londonAgent = try await signedIn(fixture, "london-team", .fieldAgent, agentId: "f-shanghai", zone: "Europe/London")
            let bankDay = try await shanghaiAgent.get("/visits?lang=en").body.string
            XCTAssertTrue(bankDay.contains("<h1>Field visits · 2026-11-26</h1>") && bankDay.contains("id=\"visit-\(visitId)\""), database)
            let londonDay = try await londonAgent.get("/visits?lang=en").body.string
            XCTAssertTrue(londonDay.contains("<h1>Field visits · 2026-11-25</h1>"), "\(database): today in London is still the 25th")
            XCTAssertTrue(londonDay.contains("id=\"visit-\(visitId)\""), "\(database): the visit starts at 23:00 on the 25th in London: on London's today")

            let confirmed = try await shanghaiAgent.post("/visits/\(visitId)/confirm", [:])
            XCTAssertEqual(confirmed.status, .seeOther, database)
            let london = try await signedIn(fixture, "london-compliance", .compliance, zone: "Europe/London")
            let bank = try await signedIn(fixture, "bank-compliance", .compliance, zone: nil)
            let londonAudit = try await london.get("/audit?action=visit_confirmed&lang=en").body.string
            XCTAssertTrue(londonAudit.contains("<td title=\"2026-11-25T16:30:00Z\">2026-11-25 16:30</td>"), "\(database): the console in London time")
            let bankAudit = try await bank.get("/audit?action=visit_confirmed&lang=en").body.string
            XCTAssertTrue(bankAudit.contains("<td title=\"2026-11-25T16:30:00Z\">2026-11-26 00:30</td>"), "\(database): the console in the bank's time")
        }
    }
}
