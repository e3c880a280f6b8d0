import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Complaints through the API: a collector logs one and calls stop at once; a supervisor
/// resolves it and calls may resume after that day.
final class ComplaintsAPITests: XCTestCase {
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await ContactFixture.each(body)
    }

    private func callAllowed(_ fixture: SecurityFixture, _ token: String, at: String) async throws -> Bool? {
        let answer = try await fixture.api(.POST, "/api/v1/check-contact", token: token,
                                           json: #"{"customer_id": "C1", "channel": "call", "at": "\#(at)"}"#)
        return answer.json["allowed"] as? Bool
    }

    func testALoggedComplaintStopsCallsUntilTheDayItIsResolved() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            let allowedBefore = try await callAllowed(fixture, collector, at: "2026-11-24T11:00:00+08:00")
            XCTAssertEqual(allowedBefore, true, database)
            let opened = try await fixture.api(.POST, "/api/v1/complaints", token: collector, json: """
                {"customer_id": "C1", "channel": "call", "category": "harassment", "description": "called three times", "opened_at": "2026-11-24T09:00:00+08:00"}
                """)
            XCTAssertEqual(opened.status, .created, "\(database): \(opened.json)")
            let id = try XCTUnwrap(opened.json["id"] as? String)
            let allowedDuring = try await callAllowed(fixture, collector, at: "2026-11-24T11:00:00+08:00")
            XCTAssertEqual(allowedDuring, false, "an open complaint stops calls at once: \(database)")

            let supervisor = try await fixture.token(.supervisor)
            let open = try await fixture.api(.GET, "/api/v1/complaints?status=open", token: supervisor)
            XCTAssertEqual((open.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, [id], database)
            XCTAssertTrue(open.json["next_cursor"] is NSNull, database)
            let resolved = try await fixture.api(.POST, "/api/v1/complaints/\(id)/resolve", token: supervisor, json: """
                {"resolution": "apologised; calls limited to once a day", "resolved_at": "2026-11-25T10:00:00+08:00"}
                """)
            XCTAssertEqual(resolved.status, .ok, "\(database): \(resolved.json)")
            let twice = try await fixture.api(.POST, "/api/v1/complaints/\(id)/resolve", token: supervisor, json: #"{"resolution": "again"}"#)
            XCTAssertEqual(twice.status, .conflict, database)
            let allowedAfter = try await callAllowed(fixture, collector, at: "2026-11-26T11:00:00+08:00")
            XCTAssertEqual(allowedAfter, true, "calls resume the day after the resolution: \(database)")
            let audited = try await fixture.auditEntries().map(\.action)
            XCTAssertTrue(audited.contains("complaint_opened") && audited.contains("complaint_resolved"), database)
        }
    }

    func testAComplaintIsAssignedToAnActiveUserByTheBackOfficeOnly() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            let opened = try await fixture.api(.POST, "/api/v1/complaints", token: collector, json: #"{"customer_id": "C1", "channel": "call", "category": "tone"}"#)
            let id = try XCTUnwrap(opened.json["id"] as? String, database)
            let refused = try await fixture.api(.POST, "/api/v1/complaints/\(id)/assign", token: collector, json: #"{"assigned_to": "c001"}"#)
            XCTAssertEqual(refused.status, .forbidden, "a collector does not assign, on \(database)")

            try await fixture.addUser("handler", .compliance)
            let supervisor = try await fixture.token(.supervisor)
            let ghost = try await fixture.api(.POST, "/api/v1/complaints/\(id)/assign", token: supervisor, json: #"{"assigned_to": "ghost"}"#)
            XCTAssertEqual(ghost.status, .unprocessableEntity, database)
            XCTAssertEqual(ghost.error["field"], "assigned_to", database)
            let missing = try await fixture.api(.POST, "/api/v1/complaints/\(id)/assign", token: supervisor, json: "{}")
            XCTAssertEqual(missing.status, .unprocessableEntity, database)
            let unknown = try await fixture.api(.POST, "/api/v1/complaints/CMPL-none/assign", token: supervisor, json: #"{"assigned_to": "handler"}"#)
            XCTAssertEqual(unknown.status, .notFound, database)

            let assigned = try await fixture.api(.POST, "/api/v1/complaints/\(id)/assign", token: supervisor, json: #"{"assigned_to": "handler"}"#)
            XCTAssertEqual(assigned.status, .ok, "\(database): \(assigned.json)")
            let open = try await fixture.api(.GET, "/api/v1/complaints?status=open", token: supervisor)
            XCTAssertEqual((open.json["items"] as? [[String: Any]])?.first?["assigned_to"] as? String, "handler", database)
            let entry = try await fixture.auditEntries().last
            XCTAssertEqual(entry?.action, "complaint_assigned", database)

            _ = try await fixture.api(.POST, "/api/v1/complaints/\(id)/resolve", token: supervisor, json: #"{"resolution": "apologised"}"#)
            let late = try await fixture.api(.POST, "/api/v1/complaints/\(id)/assign", token: supervisor, json: #"{"assigned_to": "handler"}"#)
            XCTAssertEqual(late.status, .conflict, "a resolved complaint is not reassigned, on \(database)")
        }
    }

    func testBadInputScopesAndRolesAreRefused() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            for (json, status, field) in [
                (#"{"customer_id": "C1", "channel": "pigeon", "category": "x"}"#, HTTPStatus.unprocessableEntity, "channel"),
                (#"{"customer_id": "C1", "channel": "call", "category": ""}"#, .unprocessableEntity, "category"),
                (#"{"customer_id": "C1", "channel": "call", "category": "x", "case_id": "CASE-C2"}"#, .unprocessableEntity, "case_id"),
                (#"{"customer_id": "C1", "channel": "call", "category": "x", "opened_at": "yesterday"}"#, .unprocessableEntity, "opened_at"),
            ] {
                let answer = try await fixture.api(.POST, "/api/v1/complaints", token: collector, json: json)
                XCTAssertEqual(answer.status, status, "\(json) \(database)")
                XCTAssertEqual(answer.error["field"], field, json)
            }
            let otherCustomer = try await fixture.api(.POST, "/api/v1/complaints", token: collector,
                                                      json: #"{"customer_id": "C2", "channel": "call", "category": "x"}"#)
            XCTAssertEqual(otherCustomer.status, .notFound, "another collector's customer: \(database)")
            let list = try await fixture.api(.GET, "/api/v1/complaints", token: collector)
            XCTAssertEqual(list.status, .forbidden, "collectors do not supervise complaints: \(database)")
            let supervisor = try await fixture.token(.supervisor)
            let badStatus = try await fixture.api(.GET, "/api/v1/complaints?status=maybe", token: supervisor)
            XCTAssertEqual(badStatus.status, .badRequest, database)
            let unknown = try await fixture.api(.POST, "/api/v1/complaints/CMPL-none/resolve", token: supervisor, json: #"{"resolution": "done"}"#)
            XCTAssertEqual(unknown.status, .notFound, database)
            let complaints = try await fixture.store.count("complaints")
            XCTAssertEqual(complaints, 0, "nothing half-written: \(database)")
        }
    }
}
