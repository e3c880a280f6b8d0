import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Ids that name people and teams must exist and fit the work (issue 22): a visit goes only to a
/// field team, a task only to an agent who works its channel; anything else is 422 naming
/// `agent_id`, and nothing is sent to the customer.
final class AgentIdTests: XCTestCase {
    private func dispatchJSON(agent: String) -> String {
        let start = Date().addingTimeInterval(2 * 86_400), format = ISO8601DateFormatter()
        return #"{"case_id":"KW1","agent_id":"\#(agent)","starts_at":"\#(format.string(from: start))","ends_at":"\#(format.string(from: start.addingTimeInterval(7_200)))"}"#
    }

    func testAVisitGoesOnlyToAFieldTeamAndNothingIsSentForAnUnknownOne() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            try await fixture.addUser("zhang", .collector, agentId: WorkbenchFixture.collector)
            try await fixture.addUser("field", .fieldAgent, agentId: "f-shanghai")
            let supervisor = try await fixture.token(.supervisor)
            for agent in ["f-nowhere", WorkbenchFixture.collector, " "] {
                let refused = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON(agent: agent))
                XCTAssertEqual(refused.status, .unprocessableEntity, "\(database): \(agent)")
                XCTAssertEqual(refused.error["field"], "agent_id", "\(database): \(agent)")
            }
            let sent = try await fixture.store.count("outbox_messages")
            XCTAssertEqual(sent, 0, "\(database): nothing was sent to the customer")
            let visits = try await fixture.store.count("visits")
            XCTAssertEqual(visits, 0, database)
            let accepted = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON(agent: "f-shanghai"))
            XCTAssertEqual(accepted.status, .created, database)

            let page = try await fixture.signedIn(.supervisor, username: "boss")
            _ = try await page.get("/visits")
            let start = Date().addingTimeInterval(3 * 86_400), format = ISO8601DateFormatter()
            let formRefused = try await page.post("/visits", ["case_id": "KW3", "agent_id": "f-nowhere", "starts_at": format.string(from: start),
                                                              "ends_at": format.string(from: start.addingTimeInterval(3_600))])
            XCTAssertEqual(formRefused.status, .unprocessableEntity, database)
            let stillSent = try await fixture.store.count("outbox_messages")
            XCTAssertEqual(stillSent, 1, "\(database): only the accepted visit's notice")
        }
    }

    func testATaskIsReassignedOnlyToAnAgentWhoWorksItsChannel() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            try await fixture.addUser("field", .fieldAgent, agentId: "f-shanghai")
            let supervisor = try await fixture.signedIn(.supervisor)
            _ = try await supervisor.get("/supervisor")
            let unknown = try await supervisor.post("/supervisor/tasks/KW3:2026-11-23/reassign", ["agent_id": "c-nobody"])
            XCTAssertEqual(unknown.status, .unprocessableEntity, database)
            let team = try await supervisor.post("/supervisor/tasks/KW3:2026-11-23/reassign?lang=en", ["agent_id": "f-shanghai"])
            XCTAssertEqual(team.status, .unprocessableEntity, "\(database): a field team does not take calls")
            XCTAssertTrue(team.body.string.contains("does not work call tasks"), database)
            let assigned = try await fixture.store.sql.raw("SELECT assigned_to FROM actions WHERE id = 'KW3:2026-11-23'").first()?
                .decode(column: "assigned_to", as: String.self)
            XCTAssertEqual(assigned, WorkbenchFixture.collector, "\(database): the task stayed where it was")
        }
    }
}
