import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// The same submission sent twice at the same moment (a double tap, a retry racing the first
/// try) has one result: the other answer is a clean 409 or the same 200, never a 500, and
/// nothing is stored twice or half. Over a real socket, on SQLite and PostgreSQL.
final class DuplicateSubmissionTests: XCTestCase {
    let dueOn = LocalDate.today().adding(days: 7).description

    /// A visit of `f-shanghai` on KW1 dispatched three days ago whose window is open now, so that
    /// the team may report it; its id.
    private func dispatchedVisit(_ served: ServedFixture) async throws -> String {
        let start = Date().addingTimeInterval(-3_600)
        return try await VisitBook(store: served.store, places: VisitPlaces()).dispatch(
            .init(caseId: "KW1", agentId: "f-shanghai", startsAt: start, endsAt: start.addingTimeInterval(7_200), location: nil),
            teams: VisitTeams(configured: FieldTeams.all), by: "user:boss", now: start.addingTimeInterval(-3 * 86_400)).id
    }

    func testTheSameCaseDispatchedTwiceAtOnceGetsOneVisitAndOneNotice() async throws {
        try await ServedFixture.each { served, database in
            let format = ISO8601DateFormatter(), start = Date().addingTimeInterval(2 * 86_400)
            let supervisor = try await served.token(.supervisor)
            // The team must exist (as a user with its agent id) before work is dispatched to it.
            _ = try await served.token(.fieldAgent, agentId: "f-shanghai")
            let dispatch = """
                {"case_id":"KW1","agent_id":"f-shanghai","starts_at":"\(format.string(from: start))","ends_at":"\(format.string(from: start.addingTimeInterval(7_200)))"}
                """
            let answers = try await served.twice(.POST, "/api/v1/visits", token: supervisor, json: dispatch)
            XCTAssertEqual(answers.map(\.status).sorted { $0.code < $1.code }, [.created, .conflict], "\(database): \(answers.map(\.body))")
            XCTAssertEqual(answers.first { $0.status == .conflict }?.errorCode, "visit_already_open", database)
            let visits = try await served.store.count("visits")
            let notices = try await served.store.count("outbox_messages")
            let appointments = try await served.store.count("contact_appointments")
            XCTAssertEqual([visits, notices, appointments], [1, 1, 1], "\(database): one visit, one notice, one agreed time")
        }
    }

    func testTheSameVisitReportSentTwiceAtOnceIsStoredOnce() async throws {
        try await ServedFixture.each { served, database in
            let id = try await dispatchedVisit(served)
            let agent = try await served.token(.fieldAgent, agentId: "f-shanghai")
            let report = #"{"met":"customer","visitors":2,"identification_shown":true,"two_collectors_present":true,"promise":{"amount":"500.00","currency":"CNY","due_on":"\#(dueOn)"}}"#
            let answers = try await served.twice(.POST, "/api/v1/visits/\(id)/report", token: agent, json: report)
            XCTAssertEqual(answers.map(\.status), [.ok, .conflict], "\(database): \(answers.map(\.body))")
            XCTAssertEqual(answers.last?.errorCode, "wrong_status", database)
            let attempts = try await served.store.count("contact_attempts")
            let promises = try await served.store.count("promises")
            let followUps = try await served.store.scalar("SELECT COUNT(*) AS n FROM actions WHERE id = 'VISIT:\(id)'")
            let reported = try await served.audited("visit_reported")
            XCTAssertEqual([attempts, promises, followUps, reported], [1, 1, 1, 1], "\(database): one attempt, promise, follow-up and audit entry")
        }
    }

    func testAReportWhosePromiseIsRefusedStoresNothing() async throws {
        try await ServedFixture.each { served, database in
            let id = try await dispatchedVisit(served)
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let taken = try await served.send(.POST, "/api/v1/promises", token: collector,
                                              json: #"{"case_id":"KW1","amount":"100.00","currency":"CNY","due_on":"\#(dueOn)"}"#)
            XCTAssertEqual(taken.status, .created, taken.body)
            let agent = try await served.token(.fieldAgent, agentId: "f-shanghai")
            let refused = try await served.send(.POST, "/api/v1/visits/\(id)/report", token: agent, json: """
                {"met":"customer","visitors":2,"identification_shown":true,"two_collectors_present":true,"promise":{"amount":"500.00","currency":"CNY","due_on":"\(dueOn)"}}
                """)
            XCTAssertEqual(refused.status, .conflict, database)
            XCTAssertEqual(refused.errorCode, "promise_pending", database)
            let visit = try await served.send(.GET, "/api/v1/visits/\(id)", token: agent)
            XCTAssertEqual(visit.json["status"] as? String, "dispatched", "\(database): the report was not stored without its promise")
            let attempts = try await served.store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, database)
        }
    }

    func testTheSamePromiseTakenTwiceAtOnceIsTakenOnce() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let answers = try await served.twice(.POST, "/api/v1/promises", token: collector,
                                                 json: #"{"case_id":"KW1","amount":"300.00","currency":"CNY","due_on":"\#(dueOn)"}"#)
            XCTAssertEqual(answers.map(\.status), [.created, .conflict], "\(database): \(answers.map(\.body))")
            XCTAssertEqual(answers.last?.errorCode, "promise_pending", database)
            let promises = try await served.store.count("promises")
            let audited = try await served.audited("promise_taken")
            XCTAssertEqual([promises, audited], [1, 1], database)
        }
    }

    func testTheSameApprovalSentTwiceAtOnceDecidesOnce() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let supervisor = try await served.token(.supervisor)
            var ids: [String] = []
            for account in ["AW1", "AW3"] {
                let proposed = try await served.send(.POST, "/api/v1/arrangements", token: collector,
                                                     json: #"{"account_id":"\#(account)","kind":"waiver","waiver_share":"30%","reason":"hardship"}"#)
                XCTAssertEqual(proposed.json["status"] as? String, "proposed", "\(database): \(proposed.body)")
                ids.append(try XCTUnwrap(proposed.json["id"] as? String))
            }
            let approvals = try await served.twice(.POST, "/api/v1/arrangements/\(ids[0])/approve", token: supervisor, json: "{}")
            XCTAssertEqual(approvals.map(\.status), [.ok, .conflict], "\(database): \(approvals.map(\.body))")
            XCTAssertEqual(approvals.first?.json["status"] as? String, "completed", database)
            XCTAssertEqual(approvals.last?.errorCode, "wrong_status", database)

            // An approval and a rejection at once: one decision stands.
            let second = ids[1]
            async let approve = served.send(.POST, "/api/v1/arrangements/\(second)/approve", token: supervisor, json: "{}")
            async let reject = served.send(.POST, "/api/v1/arrangements/\(second)/reject", token: supervisor, json: #"{"note":"no"}"#)
            let both = try await [approve, reject].map(\.status).sorted { $0.code < $1.code }
            XCTAssertEqual(both, [.ok, .conflict], database)
            let approved = try await served.audited("arrangement.approve")
            let rejected = try await served.audited("arrangement.reject")
            XCTAssertEqual(approved + rejected, 2, "\(database): one decision for each arrangement")
        }
    }

    func testTheSameContactAttemptSentTwiceAtOnceIsRecordedOnce() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let answers = try await served.twice(.POST, "/api/v1/contact-attempts", token: collector,
                                                 json: #"{"id":"ATT-dialler-42","customer_id":"CW1","channel":"call","outcome":"no_answer"}"#)
            XCTAssertEqual(answers.map(\.status), [.ok, .created], "\(database): \(answers.map(\.body))")
            XCTAssertEqual(answers.map { $0.json["recorded"] as? Bool }, [false, true], database)
            let attempts = try await served.store.count("contact_attempts")
            let audited = try await served.audited("contact_attempt_recorded")
            XCTAssertEqual([attempts, audited], [1, 1], database)
        }
    }
}
