import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// A visit's address (issue 22): masked in the visits API and pages for everyone; opened in full
/// only through a reveal with a reason (`POST /api/v1/customers/:id/reveal`, audited
/// `view_personal_data`), by the field team of an open visit or a role that needs it
/// (supervisor, legal, compliance, admin), never by another team, a collector, or a team whose
/// visit is over.
final class VisitAddressTests: XCTestCase {
    private let reason = "finding the door for today's visit"

    private func dispatch(_ fixture: SecurityFixture, _ supervisor: String) async throws -> String {
        let start = Date().addingTimeInterval(2 * 86_400), format = ISO8601DateFormatter()
        let json = #"{"case_id":"KW2","agent_id":"f-shanghai","starts_at":"\#(format.string(from: start))","ends_at":"\#(format.string(from: start.addingTimeInterval(7_200)))"}"#
        let dispatched = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: json)
        XCTAssertEqual(dispatched.status, .created)
        return try XCTUnwrap(dispatched.json["id"] as? String)
    }

    private func revealAddress(_ fixture: SecurityFixture, _ token: String) async throws -> APIAnswer {
        try await fixture.api(.POST, "/api/v1/customers/CW2/reveal", token: token, json: #"{"fields":["address"],"reason":"\#(reason)"}"#)
    }

    func testOnlyTheTeamOfAnOpenVisitAndTheRolesThatNeedItSeeTheAddressEachViewAudited() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let supervisor = try await fixture.token(.supervisor)
            let team = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let otherTeam = try await fixture.token(.fieldAgent, agentId: "f-beijing")
            let id = try await dispatch(fixture, supervisor)

            for token in [supervisor, team] {
                let shown = try await fixture.api(.GET, "/api/v1/visits/\(id)", token: token)
                XCTAssertEqual(shown.status, .ok, database)
                XCTAssertEqual(shown.json["address"] as? String, "***", "\(database): masked in the visit's answer")
            }
            let opened = try await revealAddress(fixture, team)
            XCTAssertEqual(opened.status, .ok, database)
            XCTAssertEqual((opened.json["fields"] as? [String: String])?["address"], "上海市浦东新区世纪大道 100 号", database)
            let bySupervisor = try await revealAddress(fixture, supervisor)
            XCTAssertEqual(bySupervisor.status, .ok, database)
            let audited = try await fixture.auditEntries().filter { $0.action == "view_personal_data" && $0.subject == "CW2" }
            XCTAssertEqual(audited.count, 2, database)
            XCTAssertTrue(audited.allSatisfy { $0.details.contains(self.reason) && $0.details.contains("address") }, database)

            let other = try await revealAddress(fixture, otherTeam)
            XCTAssertEqual(other.status, .notFound, "\(database): another team's visit")
            let collector = try await revealAddress(fixture, try await fixture.token(.collector, agentId: "c-li-na"))
            XCTAssertEqual(collector.status, .forbidden, "\(database): a collector does not need the address")

            let cancelled = try await fixture.api(.POST, "/api/v1/visits/\(id)/cancel", token: supervisor, json: #"{"reason":"customer paid in full"}"#)
            XCTAssertEqual(cancelled.status, .ok, database)
            let afterwards = try await revealAddress(fixture, team)
            XCTAssertEqual(afterwards.status, .notFound, "\(database): the visit is over")
        }
    }
}
