import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Issue 24's field-visit rules through the API and the pages, on `VisitFixture`'s book (KW1's
/// customer lives in 上海, Asia/Shanghai) with the server's clock at 10:00 in Shanghai on
/// 23 November 2026: a visit goes only to a team that covers the customer's region, one open
/// visit per case, and a report needs both ticks, the window begun and the pack's contact hours
/// (or an override with its reason).
final class VisitRulesTests: XCTestCase {
    static let start = UTCTimestamp.instant("2026-11-23T02:00:00Z") ?? Date()

    private func each(policy: Bool = false, _ body: (SecurityFixture, FakeClock, String) async throws -> Void) async throws {
        try await VisitFixture.each(start: Self.start, policy: policy, body)
    }

    private func dispatchJSON(_ caseId: String = "KW1", agent: String = "f-shanghai", from: String = "2026-11-25T02:00:00Z",
                              to: String = "2026-11-25T04:00:00Z") -> String {
        #"{"case_id":"\#(caseId)","agent_id":"\#(agent)","starts_at":"\#(from)","ends_at":"\#(to)"}"#
    }

    private func report(_ extra: String = "") -> String {
        #"{"met":"customer","visitors":2,"identification_shown":true,"two_collectors_present":true\#(extra)}"#
    }

    private func at(_ text: String, _ clock: FakeClock) {
        clock.advance(seconds: Int((UTCTimestamp.instant(text) ?? clock.now).timeIntervalSince(clock.now)))
    }

    func testAVisitIsDispatchedOnlyToATeamThatCoversTheCustomersRegion() async throws {
        try await each { fixture, _, database in
            let supervisor = try await fixture.token(.supervisor)
            for (agent, why) in [("f-beijing", "covers 北京, not the customer's region 上海"), ("f-nowhere", "is not a field team"),
                                 ("c-zhang-wei", "does not make field visits")] {
                let refused = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON(agent: agent))
                XCTAssertEqual(refused.status, .unprocessableEntity, "\(database): \(agent)")
                XCTAssertEqual(refused.error["field"], "agent_id", "\(database): \(agent)")
                XCTAssertTrue(refused.error["message"]?.contains(why) ?? false, "\(database): \(refused.error)")
            }
            let nothing = try await fixture.store.count("outbox_messages")
            let noVisits = try await fixture.store.count("visits")
            XCTAssertEqual([nothing, noVisits], [0, 0], "\(database): nothing was sent nor stored")
            let sent = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON())
            XCTAssertEqual(sent.status, .created, "\(database): \(sent.json)")
        }
    }

    func testTheSupervisorChoosesTheTeamFromTheTeamsThatCoverTheCustomer() async throws {
        try await each { fixture, _, database in
            let supervisor = try await fixture.signedIn(.supervisor, username: "boss")
            let page = try await supervisor.get("/visits?case_id=KW1&lang=en")
            XCTAssertEqual(page.status, .ok, database)
            let html = page.body.string
            XCTAssertTrue(html.contains("<select name=\"agent_id\" required>"), "\(database): the team is chosen from a list")
            XCTAssertTrue(html.contains("<option value=\"f-shanghai\">上海外访组 (f-shanghai)</option>"), "\(database): the team of 上海 is offered")
            XCTAssertFalse(html.contains("value=\"f-beijing\""), "\(database): a team of another region is not")
            XCTAssertFalse(html.contains("value=\"c-zhang-wei\""), "\(database): nor a collector")
            XCTAssertFalse(html.contains("list=\"teams\""), "\(database): no free text")
            let chinese = try await supervisor.get("/visits?case_id=KW1&lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("请选择外访组") && chinese.contains("查看可派外访组"), database)
            let unknown = try await supervisor.get("/visits?case_id=NOPE&lang=en").body.string
            XCTAssertTrue(unknown.contains("id=\"visits-error\"") && unknown.contains("there is no open case with that id") && unknown.contains(#"id="error-lookup-case_id""#), database)

            let form = ["case_id": "KW1", "agent_id": "f-beijing", "starts_at": "2026-11-25T10:00", "ends_at": "2026-11-25T12:00"]
            let refused = try await supervisor.post("/visits?lang=en", form)
            XCTAssertEqual(refused.status, .unprocessableEntity, database)
            XCTAssertTrue(refused.body.string.contains("agent_id f-beijing covers 北京") && refused.body.string.contains(#"id="error-dispatch-KW1-agent_id""#), "\(database): the refusal names the field")
            var chosen = form
            chosen["agent_id"] = "f-shanghai"
            let sent = try await supervisor.post("/visits", chosen)
            XCTAssertEqual(sent.status, .seeOther, "\(database): \(sent.body.string.prefix(300))")
            let visits = try await fixture.store.count("visits")
            XCTAssertEqual(visits, 1, database)
        }
    }

    func testASecondDispatchOnACaseWithAnOpenVisitIsRefusedUntilItIsCancelled() async throws {
        try await each { fixture, _, database in
            let supervisor = try await fixture.token(.supervisor)
            let first = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON())
            let id = try XCTUnwrap(first.json["id"] as? String, database)
            let second = try await fixture.api(.POST, "/api/v1/visits", token: supervisor,
                                               json: dispatchJSON(from: "2026-11-26T02:00:00Z", to: "2026-11-26T04:00:00Z"))
            XCTAssertEqual(second.status, .conflict, database)
            XCTAssertEqual(second.error["code"], "visit_already_open", database)
            XCTAssertEqual(second.error["field"], "case_id", database)
            XCTAssertTrue(second.error["message"]?.contains(id) ?? false, "\(database): \(second.error)")
            let notices = try await fixture.store.count("outbox_messages")
            XCTAssertEqual(notices, 1, "\(database): the customer got one notice")

            let page = try await fixture.signedIn(.supervisor, username: "desk")
            _ = try await page.get("/visits")
            let fromPage = try await page.post("/visits?lang=en", ["case_id": "KW1", "agent_id": "f-shanghai", "starts_at": "2026-11-26T10:00",
                                                           "ends_at": "2026-11-26T12:00"])
            XCTAssertEqual(fromPage.status, .conflict, database)
            XCTAssertTrue(fromPage.body.string.contains("already has an open visit"), database)

            _ = try await fixture.api(.POST, "/api/v1/visits/\(id)/cancel", token: supervisor, json: #"{"reason":"the customer moved the date"}"#)
            let again = try await fixture.api(.POST, "/api/v1/visits", token: supervisor,
                                              json: dispatchJSON(from: "2026-11-26T02:00:00Z", to: "2026-11-26T04:00:00Z"))
            XCTAssertEqual(again.status, .created, "\(database): once cancelled, the case may be visited again")
        }
    }

    func testAReportNeedsBothTicksAndTheWindowBegun() async throws {
        try await each { fixture, clock, database in
            let supervisor = try await fixture.token(.supervisor)
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let id = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON()).json["id"] as? String ?? ""
            let path = "/api/v1/visits/\(id)/report"

            at("2026-11-25T01:00:00Z", clock)
            let early = try await fixture.api(.POST, path, token: agent, json: report())
            XCTAssertEqual(early.status, .conflict, database)
            XCTAssertEqual(early.error["code"], "visit_not_started", database)

            at("2026-11-25T02:30:00Z", clock)
            let noPair = try await fixture.api(.POST, path, token: agent, json: #"{"met":"customer","visitors":2,"identification_shown":true}"#)
            XCTAssertEqual(noPair.status, .unprocessableEntity, database)
            XCTAssertEqual(noPair.error["field"], "two_collectors_present", database)
            let noId = try await fixture.api(.POST, path, token: agent,
                                             json: #"{"met":"customer","visitors":2,"identification_shown":false,"two_collectors_present":true}"#)
            XCTAssertEqual(noId.status, .unprocessableEntity, database)
            XCTAssertEqual(noId.error["field"], "identification_shown", database)
            let attempts = try await fixture.store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, "\(database): nothing of a refused report is stored")

            let done = try await fixture.api(.POST, path, token: agent, json: report())
            XCTAssertEqual(done.status, .ok, "\(database): \(done.json)")
            XCTAssertNil(done.json["plan_arrangement_id"] as? String, "\(database): no plan asked for, none requested")
        }
    }

    func testAReportInQuietHoursIsRefusedUnlessOverriddenWithAReason() async throws {
        try await each(policy: true) { fixture, clock, database in
            let supervisor = try await fixture.token(.supervisor)
            let agent = try await fixture.token(.fieldAgent, username: "field", agentId: "f-shanghai")
            // 20:00 to 22:00 in Shanghai; reported at 22:30 there, inside the cn pack's quiet hours.
            let id = try await fixture.api(.POST, "/api/v1/visits", token: supervisor,
                                           json: dispatchJSON(from: "2026-11-25T12:00:00Z", to: "2026-11-25T14:00:00Z")).json["id"] as? String ?? ""
            at("2026-11-25T14:30:00Z", clock)
            let path = "/api/v1/visits/\(id)/report"
            let refused = try await fixture.api(.POST, path, token: agent, json: report())
            XCTAssertEqual(refused.status, .conflict, "\(database): \(refused.json)")
            let error = refused.json["error"] as? [String: Any] ?? [:]
            XCTAssertEqual(error["code"] as? String, "blocked_by_policy", database)
            XCTAssertEqual(error["rule"] as? String, "cn.quiet-hours", database)
            let none = try await fixture.store.count("contact_attempts")
            XCTAssertEqual(none, 0, database)

            let overridden = try await fixture.api(.POST, path, token: agent,
                                                   json: report(#","override_reason":"the customer came home late and asked us to wait""#))
            XCTAssertEqual(overridden.status, .ok, "\(database): \(overridden.json)")
            let covered = try await fixture.store.scalar("""
                SELECT COUNT(*) AS n FROM contact_overrides o JOIN contact_attempts a ON a.id = o.attempt_id
                WHERE o.rule = 'cn.quiet-hours' AND o.channel = 'visit' AND a.breached_rule IS NULL
                """)
            XCTAssertEqual(covered, 1, "\(database): the override is stored and covers the visit's attempt")
            let compliance = try await fixture.token(.compliance)
            let listed = try await fixture.api(.GET, "/api/v1/compliance/breaches?from=2026-11-25&to=2026-11-25", token: compliance)
            let items = listed.json["items"] as? [[String: Any]] ?? []
            XCTAssertEqual(items.map { $0["kind"] as? String }, ["override"], "\(database): \(items)")
            XCTAssertEqual(items.first?["reason"] as? String, "the customer came home late and asked us to wait", database)
        }
    }

    func testTheReportFormLeavesBothTicksToTheAgentAndRefusesWithoutThem() async throws {
        try await each(policy: true) { fixture, clock, database in
            let supervisor = try await fixture.token(.supervisor)
            let id = try await fixture.api(.POST, "/api/v1/visits", token: supervisor, json: dispatchJSON()).json["id"] as? String ?? ""
            try await fixture.addUser("field", .fieldAgent, agentId: "f-shanghai")
            let field = Browser(app: fixture.app)
            _ = try await field.signIn("field", SecurityFixture.password)
            let sheet = try await field.get("/visits?date=2026-11-25&lang=en").body.string
            XCTAssertTrue(sheet.contains("<input type=\"checkbox\" name=\"identification_shown\" value=\"on\" required>"), "\(database): unticked")
            XCTAssertTrue(sheet.contains("<input type=\"checkbox\" name=\"two_collectors_present\" value=\"on\" required>"), "\(database): unticked")
            XCTAssertTrue(sheet.contains("name=\"override_reason\"") && sheet.contains("name=\"plan_instalments\""), database)

            at("2026-11-25T02:30:00Z", clock)
            let unticked = try await field.post("/visits/\(id)/report", ["met": "customer", "visitors": "2", "identification_shown": "on"])
            XCTAssertEqual(unticked.status, .unprocessableEntity, database)
            XCTAssertTrue(unticked.body.string.contains("two_collectors_present"), "\(database): the refusal names the field")
            let reported = try await field.post("/visits/\(id)/report", ["met": "customer", "visitors": "2", "identification_shown": "on",
                                                                         "two_collectors_present": "on", "plan_requested": "on", "plan_instalments": "12"])
            XCTAssertEqual(reported.status, .seeOther, "\(database): \(reported.body.string.prefix(400))")
            let plans = try await fixture.store.scalar("""
                SELECT COUNT(*) AS n FROM arrangements r JOIN visits v ON v.plan_arrangement_id = r.id
                WHERE v.id = '\(id)' AND r.status = 'proposed' AND r.instalment_count = 12
                """)
            XCTAssertEqual(plans, 1, "\(database): the plan asked for at the door waits for approval")
        }
    }

    func testTheVisitTasksAwaitDispatchOncePerCaseUntilDispatched() async throws {
        try await each { fixture, _, database in
            for (caseId, customerId, day) in [("KW2", "CW2", "2026-11-23"), ("KW3", "CW3", "2026-11-22"), ("KW3", "CW3", "2026-11-23")] {
                try await fixture.store.sql.raw("""
                    INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                    VALUES (\(bind: caseId + ":visit:" + day), \(bind: caseId), \(bind: customerId), \(bind: day), 'standard', '31-60', 53,
                            'visit', 'visit', 'champion', 'created', '', 50, 'f-shanghai')
                    """).run()
            }
            let supervisor = try await fixture.signedIn(.supervisor, username: "boss")
            let queue = try await supervisor.get("/visits?lang=en").body.string
            XCTAssertEqual(queue.components(separatedBy: "data-case=\"KW2\"").count - 1, 1, "\(database): KW2's task awaits dispatch")
            XCTAssertEqual(queue.components(separatedBy: "data-case=\"KW3\"").count - 1, 1, "\(database): KW3 once, for its latest task")
            XCTAssertFalse(queue.contains("data-case=\"KW1\""), "\(database): a call task is not a visit task")
            XCTAssertTrue(queue.contains("Task KW3:visit:2026-11-23"), database)
            let sent = try await supervisor.post("/visits", ["case_id": "KW2", "agent_id": "f-shanghai", "starts_at": "2026-11-25T10:00",
                                                             "ends_at": "2026-11-25T12:00"])
            XCTAssertEqual(sent.status, .seeOther, "\(database): \(sent.body.string.prefix(300))")
            let after = try await supervisor.get("/visits?lang=en").body.string
            XCTAssertFalse(after.contains("data-case=\"KW2\""), "\(database): dispatched, KW2 leaves the queue")
            XCTAssertTrue(after.contains("data-case=\"KW3\""), database)
        }
    }
}
