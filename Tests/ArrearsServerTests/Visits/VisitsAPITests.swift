import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

final class VisitsAPITests: XCTestCase {
    /// Two days ahead: notice enough.
    let start = Date().addingTimeInterval(2 * 86_400)
    /// 10:00 in Shanghai two days from today there (or the next day that is not a holiday):
    /// notice enough, and within the contact hours.
    let morning = ShanghaiMorning.tenOClock(
        daysAhead: 2, skipping: (try? PolicyConfig.loadPack("cn", directory: PortfolioPageTests.packageRoot + "/config").holidays) ?? HolidayCalendar(name: "none"))

    /// A two-hour window from `starts`.
    func dispatchJSON(_ caseId: String, starts: Date? = nil) -> String {
        let format = ISO8601DateFormatter(), start = starts ?? self.start
        return #"{"case_id":"\#(caseId)","agent_id":"f-shanghai","starts_at":"\#(format.string(from: start))","ends_at":"\#(format.string(from: start.addingTimeInterval(7_200)))"}"#
    }

    func testASupervisorDispatchesAndTheFieldAgentReportsWithAPromise() async throws {
        try await VisitFixture.each(start: Date()) { fixture, clock, database in
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

            clock.advance(seconds: 2 * 86_400 + 1_800)
            let dueOn = LocalMoment(Date(), offset: 0).date.adding(days: 7).description
            let reported = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: agent, json: """
                {"met":"customer","visitors":2,"identification_shown":true,"two_collectors_present":true,"situation":"lost job","plan_requested":true,
                 "promise":{"amount":"500.00","currency":"CNY","due_on":"\(dueOn)"},"photos":["door.jpg"]}
                """)
            XCTAssertEqual(reported.status, .ok, database)
            XCTAssertEqual(reported.json["status"] as? String, "done", database)
            let planId = try XCTUnwrap(reported.json["plan_arrangement_id"] as? String, "\(database): the plan asked for is requested")
            let waiting = try await fixture.store.scalar("""
                SELECT COUNT(*) AS n FROM arrangements WHERE id = '\(planId)' AND status = 'proposed' AND kind = 'instalment_plan'
                """)
            XCTAssertEqual(waiting, 1, "\(database): an instalment plan waits for approval")
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
            let team = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let id = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON("KW1")).json["id"] as? String ?? ""
            let report = #"{"met":"nobody","visitors":2,"identification_shown":true,"two_collectors_present":true}"#
            let answer = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: other, json: report)
            XCTAssertEqual(answer.status, .notFound, database)
            let badMet = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: team,
                                               json: #"{"met":"neighbour","visitors":2,"identification_shown":true,"two_collectors_present":true}"#)
            XCTAssertEqual(badMet.error["field"], "met", database)
            let attempts = try await fixture.store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, database)
        }
    }

    func testASupervisorCancelsAVisitWithAReasonAndItIsNoLongerAgreedNorOnTheTeamsDay() async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let supervisor = try await fixture.token(.supervisor, username: "boss")
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let dispatched = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON("KW1", starts: morning))
            let id = try XCTUnwrap(dispatched.json["id"] as? String, database)
            let path = "/api/v1/visits/\(id)/cancel"
            let pack = PolicySettings(pack: try PolicyConfig.loadPack("cn", directory: PortfolioPageTests.packageRoot + "/config"))
            let atTheDoor = ContactRequest(channel: .visit, at: morning.addingTimeInterval(3_600), contactPoint: ContactPoint.address, visitors: 2,
                                           identificationShown: true)
            let agreed = try await ContactCheck.check(customerId: "CW1", atTheDoor, settings: pack, on: fixture.store.sql)
            XCTAssertTrue(agreed.allowed, "\(database): dispatched, the visit is agreed")

            let byAgent = try await fixture.api(.POST, path, token: agent, json: #"{"reason":"the customer paid"}"#)
            XCTAssertEqual(byAgent.status, .forbidden, "\(database): a field team does not call its own visits off")
            let noReason = try await fixture.api(.POST, path, token: supervisor, json: "{}")
            XCTAssertEqual(noReason.status, .unprocessableEntity, database)
            XCTAssertEqual(noReason.error["field"], "reason", database)
            let blank = try await fixture.api(.POST, path, token: supervisor, json: #"{"reason":"   "}"#)
            XCTAssertEqual(blank.status, .unprocessableEntity, database)
            XCTAssertEqual(blank.error["field"], "reason", database)
            let tooLong = try await fixture.api(.POST, path, token: supervisor, json: #"{"reason":"\#(String(repeating: "x", count: 2_001))"}"#)
            XCTAssertEqual(tooLong.error["field"], "reason", database)
            let notJSON = try await fixture.api(.POST, path, token: supervisor, json: "reason=paid")
            XCTAssertEqual(notJSON.status, .badRequest, database)
            let unknown = try await fixture.api(.POST, "/api/v1/visits/VISIT-nope/cancel", token: supervisor, json: #"{"reason":"paid"}"#)
            XCTAssertEqual(unknown.status, .notFound, database)

            let cancelled = try await fixture.api(.POST, path, token: supervisor, json: #"{"reason":"the customer paid in full"}"#)
            XCTAssertEqual(cancelled.status, .ok, database)
            XCTAssertEqual(cancelled.json["status"] as? String, "cancelled", database)
            XCTAssertEqual(cancelled.json["cancel_reason"] as? String, "the customer paid in full", database)
            XCTAssertEqual(cancelled.json["cancelled_by"] as? String, "user:boss", database)
            XCTAssertNotNil(cancelled.json["cancelled_at"] as? String, database)
            let queued = try await fixture.store.count("outbox_messages")
            XCTAssertEqual(queued, 2, "\(database): the advance notice, then the word that the visit is off")
            let audit = try await fixture.auditEntries()
            XCTAssertTrue(audit.contains { $0.action == "visit_cancelled" && $0.actor == "user:boss" && $0.details.contains("the customer paid in full") },
                          database)

            let verdict = try await ContactCheck.check(customerId: "CW1", atTheDoor, settings: pack, on: fixture.store.sql)
            XCTAssertEqual(verdict.reason, "no visit without a time agreed with the customer in advance", "\(database): the appointment is void")

            let day = String(ISO8601DateFormatter().string(from: morning).prefix(10))
            let teamDay = try await fixture.api(.GET, "/api/v1/visits?date=\(day)", token: agent)
            XCTAssertEqual((teamDay.json["items"] as? [[String: Any]])?.count, 0, "\(database): the team's day no longer has it")
            let desk = try await fixture.api(.GET, "/api/v1/visits?date=\(day)", token: supervisor)
            XCTAssertEqual((desk.json["items"] as? [[String: Any]])?.map { $0["status"] as? String }, ["cancelled"], "\(database): the supervisor still sees it")

            let report = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: agent,
                                               json: #"{"met":"customer","visitors":2,"identification_shown":true,"two_collectors_present":true}"#)
            XCTAssertEqual(report.status, .conflict, database)
            XCTAssertEqual(report.error["code"], "wrong_status", database)
            XCTAssertEqual(report.error["field"], "status", database)
            XCTAssertEqual(report.error["message"], "status: the visit was cancelled", database)
            let confirm = try await fixture.api(.POST, "/api/v1/visits/\(id)/confirm", token: agent)
            XCTAssertEqual(confirm.status, .conflict, database)
            XCTAssertEqual(confirm.error["field"], "status", database)
            let again = try await fixture.api(.POST, path, token: supervisor, json: #"{"reason":"twice"}"#)
            XCTAssertEqual(again.status, .conflict, database)
            XCTAssertEqual(again.error["field"], "status", database)
            let attempts = try await fixture.store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, database)
        }
    }

    func testAReportedVisitCannotBeCancelled() async throws {
        try await VisitFixture.each(start: Date()) { fixture, clock, database in
            let supervisor = try await fixture.token(.supervisor)
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let id = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON("KW1")).json["id"] as? String ?? ""
            clock.advance(seconds: 2 * 86_400 + 1_800)
            let reported = try await fixture.api(.POST, "/api/v1/visits/\(id)/report", token: agent,
                                                 json: #"{"met":"nobody","visitors":2,"identification_shown":true,"two_collectors_present":true}"#)
            XCTAssertEqual(reported.status, .ok, database)
            let late = try await fixture.api(.POST, "/api/v1/visits/\(id)/cancel", token: supervisor, json: #"{"reason":"too late"}"#)
            XCTAssertEqual(late.status, .conflict, database)
            XCTAssertEqual(late.error["field"], "status", database)
            let visit = try await fixture.api(.GET, "/api/v1/visits/\(id)", token: supervisor)
            XCTAssertEqual(visit.json["status"] as? String, "not_met", "\(database): the report stands")
        }
    }
}
