import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTVapor

/// "Reach only what is yours" (issue 22): a collector or field agent reaches a customer only
/// while open work of that customer is in their queue, through the API and the pages alike;
/// and, for an inbound call, for 30 minutes after giving a reason. On `WorkbenchFixture`'s book:
/// KW1 (CW1) and KW3 (CW3) are `c-zhang-wei`'s open tasks, KW2 (CW2) is `c-li-na`'s, and KW4
/// (CW4) has only a held action of `c-zhang-wei`'s.
final class WorkScopeTests: XCTestCase {
    private let reason = "customer rang the hotline about a payment"

    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            try await body(fixture, database)
        }
    }

    /// A collector working as `agentId`, with a bearer token and a signed-in browser.
    private func collector(_ fixture: SecurityFixture, _ username: String, agentId: String) async throws -> (token: String, browser: Browser) {
        let user = try await fixture.addUser(username, .collector, agentId: agentId)
        let token = try await APITokens.issue(for: user, label: "test", actor: "test", on: fixture.store).token
        let browser = Browser(app: fixture.app)
        let signedIn = try await browser.signIn(username, SecurityFixture.password)
        XCTAssertEqual(signedIn.status, .seeOther)
        return (token, browser)
    }

    func testReassigningATaskAwayEndsTheCollectorsAccessAtOnce() async throws {
        try await each { fixture, database in
            let zhang = try await collector(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let li = try await collector(fixture, "li", agentId: WorkbenchFixture.otherCollector)
            let answer1 = try await fixture.api(.GET, "/api/v1/customers/CW3", token: zhang.token).status
            XCTAssertEqual(answer1, .ok, database)
            let answer2 = try await zhang.browser.get("/work/cases/KW3").status
            XCTAssertEqual(answer2, .ok, database)
            let answer3 = try await fixture.api(.GET, "/api/v1/customers/CW3", token: li.token).status
            XCTAssertEqual(answer3, .notFound, database)

            let supervisor = try await fixture.signedIn(.supervisor)
            _ = try await supervisor.get("/supervisor")
            let moved = try await supervisor.post("/supervisor/tasks/KW3:2026-11-23/reassign", ["agent_id": WorkbenchFixture.otherCollector])
            XCTAssertEqual(moved.status, .seeOther, database)

            for path in ["/api/v1/customers/CW3", "/api/v1/cases/KW3", "/api/v1/accounts/AW3", "/api/v1/customers/CW3/promises"] {
                let answer4 = try await fixture.api(.GET, path, token: zhang.token).status
                XCTAssertEqual(answer4, .notFound, "\(database): \(path) is no longer zhang's")
                let answer5 = try await fixture.api(.GET, path, token: li.token).status
                XCTAssertEqual(answer5, .ok, "\(database): \(path) is li's now")
            }
            let page = try await zhang.browser.get("/work/cases/KW3?lang=en")
            XCTAssertEqual(page.status, .notFound, database)
            XCTAssertFalse(page.body.string.contains("李雷"), "\(database): the page tells nothing of the customer")
            let answer6 = try await li.browser.get("/work/cases/KW3").status
            XCTAssertEqual(answer6, .ok, database)
            let answer7 = try await fixture.api(.GET, "/api/v1/customers/CW1", token: zhang.token).status
            XCTAssertEqual(answer7, .ok, "\(database): KW1 is still zhang's")
        }
    }

    func testWorkOnceAssignedButNoLongerOpenGivesNoAccess() async throws {
        try await each { fixture, database in
            let zhang = try await collector(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let answer8 = try await fixture.api(.GET, "/api/v1/customers/CW4", token: zhang.token).status
            XCTAssertEqual(answer8, .notFound,
                           "\(database): a held action is no task")
            try await fixture.store.sql.raw("UPDATE cases SET status = 'closed' WHERE id = 'KW1'").run()
            let answer9 = try await fixture.api(.GET, "/api/v1/customers/CW1", token: zhang.token).status
            XCTAssertEqual(answer9, .notFound, "\(database): a closed case")
            let cases = try await fixture.api(.GET, "/api/v1/cases", token: zhang.token)
            XCTAssertEqual((cases.json["items"] as? [[String: Any]])?.compactMap { $0["id"] as? String }, ["KW3"], database)
            // The next day's action replaces the task: an SMS is nobody's task.
            try await fixture.store.sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                VALUES ('KW3:2026-11-24', 'KW3', 'CW3', '2026-11-24', 'standard', '31-60', 54, 'remind_sms', 'sms', 'champion', 'created', '', 1, NULL)
                """).run()
            let answer10 = try await fixture.api(.GET, "/api/v1/customers/CW3", token: zhang.token).status
            XCTAssertEqual(answer10, .notFound, "\(database): a replaced task")
        }
    }

    func testAFieldTeamReachesACustomerOnlyWhileItsVisitIsOpen() async throws {
        try await each { fixture, database in
            let field = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let answer11 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: field).status
            XCTAssertEqual(answer11, .notFound, database)
            try await fixture.store.sql.raw("""
                INSERT INTO visits (id, case_id, customer_id, agent_id, visit_date, starts_at, ends_at, status, appointment_id, notice_id, dispatched_by, dispatched_at)
                VALUES ('VISIT-1', 'KW2', 'CW2', 'f-shanghai', '2026-11-25', '2026-11-25T02:00:00Z', '2026-11-25T04:00:00Z', 'confirmed', 'APP-1', 'N-1',
                        'user:supervisor', '2026-11-23T02:00:00Z')
                """).run()
            let answer12 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: field).status
            XCTAssertEqual(answer12, .ok, "\(database): the team's open visit")
            let other = try await fixture.token(.fieldAgent, agentId: "f-beijing")
            let answer13 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: other).status
            XCTAssertEqual(answer13, .notFound, "\(database): another team's visit")
            try await fixture.store.sql.raw("UPDATE visits SET status = 'cancelled' WHERE id = 'VISIT-1'").run()
            let answer14 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: field).status
            XCTAssertEqual(answer14, .notFound, "\(database): a cancelled visit")
        }
    }

    func testAnInboundCallOpensTheCustomerForThirtyMinutesWithAnAuditedReason() async throws {
        try await each { fixture, database in
            let zhang = try await collector(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let answer15 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: zhang.token).status
            XCTAssertEqual(answer15, .notFound, database)
            for body in ["{}", #"{"reason":""}"#, #"{"reason":"   short  "}"#] {
                let refused = try await fixture.api(.POST, "/api/v1/customers/CW2/access", token: zhang.token, json: body)
                XCTAssertEqual(refused.status, .unprocessableEntity, "\(database): \(body)")
                XCTAssertEqual(refused.error["field"], "reason", body)
            }
            let answer16 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: zhang.token).status
            XCTAssertEqual(answer16, .notFound, "\(database): no grant without a reason")
            let answer17 = try await fixture.api(.POST, "/api/v1/customers/CW9/access", token: zhang.token, json: #"{"reason":"\#(reason)"}"#).status
            XCTAssertEqual(answer17, .notFound, database)

            let before = Date()
            let granted = try await fixture.api(.POST, "/api/v1/customers/CW2/access", token: zhang.token, json: #"{"reason":"\#(reason)"}"#)
            XCTAssertEqual(granted.status, .created, database)
            let expires = try XCTUnwrap((granted.json["expires_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }, database)
            XCTAssertEqual(expires.timeIntervalSince(before), 30 * 60, accuracy: 2, database)
            let answer18 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: zhang.token).status
            XCTAssertEqual(answer18, .ok, database)
            let answer19 = try await fixture.api(.GET, "/api/v1/cases/KW2", token: zhang.token).status
            XCTAssertEqual(answer19, .ok, database)
            let entry = try await fixture.auditEntries().first { $0.action == "inbound_access_granted" }
            XCTAssertEqual(entry?.actor, "user:zhang", database)
            XCTAssertEqual(entry?.subject, "CW2", database)
            XCTAssertTrue(entry?.details.contains(reason) ?? false, database)
            let answer20 = try await fixture.auditEntries().filter { $0.action == "inbound_access_granted" }.count
            XCTAssertEqual(answer20, 1, "\(database): refusals are not grants")

            let chen = try await collector(fixture, "chen", agentId: "c-chen-jie")
            let answer21 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: chen.token).status
            XCTAssertEqual(answer21, .notFound, "\(database): the grant is zhang's alone")
            // Thirty minutes later: the stored expiry has passed.
            try await fixture.store.sql.raw("UPDATE inbound_access_grants SET expires_at = \(bind: UTCTimestamp.text(Date().addingTimeInterval(-1)))").run()
            let answer22 = try await fixture.api(.GET, "/api/v1/customers/CW2", token: zhang.token).status
            XCTAssertEqual(answer22, .notFound, "\(database): the grant expired")
        }
    }

    func testTheCasePageOffersTheInboundFormInsteadOfNotFound() async throws {
        try await each { fixture, database in
            let zhang = try await collector(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let page = try await zhang.browser.get("/work/cases/KW2?lang=en")
            XCTAssertEqual(page.status, .notFound, database)
            XCTAssertTrue(page.body.string.contains(#"action="/work/cases/KW2/access""#), database)
            XCTAssertFalse(page.body.string.contains("John Smith"), database)
            let noReason = try await zhang.browser.post("/work/cases/KW2/access?lang=en", ["reason": " "])
            XCTAssertEqual(noReason.status, .unprocessableEntity, database)
            XCTAssertTrue(noReason.body.string.contains("id=\"form-error\""), database)
            let answer23 = try await zhang.browser.get("/work/cases/KW2").status
            XCTAssertEqual(answer23, .notFound, database)
            let opened = try await zhang.browser.post("/work/cases/KW2/access", ["reason": reason])
            XCTAssertEqual(opened.status, .seeOther, database)
            XCTAssertEqual(opened.headers.first(name: .location), "/work/cases/KW2", database)
            let open = try await zhang.browser.get("/work/cases/KW2?lang=en")
            XCTAssertEqual(open.status, .ok, database)
            XCTAssertTrue(open.body.string.contains("John Smith"), database)
            let entry = try await fixture.auditEntries().first { $0.action == "inbound_access_granted" }
            XCTAssertTrue(entry?.details.contains(reason) ?? false, database)

            let supervisor = try await fixture.token(.supervisor)
            let answer24 = try await fixture.api(.POST, "/api/v1/customers/CW2/access", token: supervisor, json: #"{"reason":"\#(reason)"}"#).status
            XCTAssertEqual(answer24, .forbidden, "\(database): only collectors take inbound calls this way")
        }
    }
}
