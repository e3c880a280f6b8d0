import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

final class VisitsAPITests: XCTestCase {
    /// Two days ahead: notice enough.
    let start = Date().addingTimeInterval(2 * 86_400)

    /// A two-hour window from `starts`.
    func dispatchJSON(_ caseId: String, starts: Date? = nil) -> String {
        let format = ISO8601DateFormatter(), start = starts ?? self.start
        return #"{"case_id":"\#(caseId)","agent_id":"f-shanghai","starts_at":"\#(format.string(from: start))","ends_at":"\#(format.string(from: start.addingTimeInterval(7_200)))"}"#
    }

    func testASupervisorDispatchesAndTheFieldAgentReportsWithAPromise() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let supervisor = try await fixture.token(.supervisor)
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let dispatched = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON("KW1"))
            XCTAssertEqual(dispatched.status, .created, database)
            let id = try XCTUnwrap(dispatched.json["id"] as? String)
            XCTAssertEqual(dispatched.json["latitude"] as? Double, 31.2304, "the region's centroid from config/regions.yaml on \(database)")
            let queued = try await fixture.store.count("outbox_messages")
            XCTAssertEqual(queued, 1, "the advance notice is queued on \(database)")

            let day = String(ISO8601DateFormatter().string(from: self.start).prefix(10))
            let mine = try await fixture.api(.GET, "/api/v1/visits?date=\(day)", token: agent)
            XCTAssertEqual((mine.json["items"] as? [[String: Any]])?.map { $0["id"] as? String }, [id], database)
            let confirmed = try await fixture.api(.POST, "/api/v1/visits/\(id)/confirm", token: agent)
            XCTAssertEqual(confirmed.json["status"] as? String, "confirmed", database)

            let dueOn = LocalMoment(Date(), offset: 0).date.adding(days: 7).description
            let reported = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: agent, json: """
                {"met":"customer","visitors":2,"identification_shown":true,"situation":"lost job","plan_requested":true,
                 "promise":{"amount":"500.00","currency":"CNY","due_on":"\(dueOn)"},"photos":["door.jpg"]}
                """)
            XCTAssertEqual(reported.status, .ok, database)
            XCTAssertEqual(reported.json["status"] as? String, "done", database)
            let file = try await fixture.api(.GET, "/api/v1/cases/KW1", token: supervisor)
            XCTAssertEqual((file.json["contact_attempts"] as? [[String: Any]])?.first?["outcome"] as? String, "visit_met", database)
            XCTAssertEqual((file.json["promises"] as? [[String: Any]])?.count, 1, database)
            XCTAssertEqual((file.json["open_tasks"] as? [[String: Any]])?.contains { $0["id"] as? String == reported.json["follow_up_task_id"] as? String },
                           true, "the follow-up is an open task on the case at once on \(database)")
        }
    }

    func testOnlySupervisorsDispatchAndBadInputNamesTheField() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let supervisor = try await fixture.token(.supervisor)
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let refused = try await fixture.api(.POST, "/api/v1/visits", token: agent, json: dispatchJSON("KW1"))
            XCTAssertEqual(refused.status, .forbidden, database)
            let tooSoon = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON("KW1", starts: Date().addingTimeInterval(3_600)))
            XCTAssertEqual(tooSoon.status, .unprocessableEntity, database)
            XCTAssertEqual(tooSoon.error["field"], "starts_at", database)
            let unknown = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON("NOPE"))
            XCTAssertEqual(unknown.status, .notFound, database)
            let missing = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: #"{"case_id":"KW1"}"#)
            XCTAssertEqual(missing.error["field"], "agent_id", database)
            let noDate = try await fixture.api(.GET, "/api/v1/visits", token: agent)
            XCTAssertEqual(noDate.status, .badRequest, database)
        }
    }

    func testAnotherFieldAgentCannotReport() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let supervisor = try await fixture.token(.supervisor)
            let other = try await fixture.token(.fieldAgent, agentId: "f-beijing")
            let id = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON("KW1")).json["id"] as? String ?? ""
            let report = #"{"met":"nobody","visitors":2,"identification_shown":true}"#
            let answer = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: other, json: report)
            XCTAssertEqual(answer.status, .notFound, database)
            let badMet = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: try await fixture.token(.fieldAgent, agentId: "f-shanghai"),
                                               json: #"{"met":"neighbour","visitors":2,"identification_shown":true}"#)
            XCTAssertEqual(badMet.error["field"], "met", database)
            let attempts = try await fixture.store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, database)
        }
    }
}
