import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Contacts the pack forbids (issue 24): a start is a hard stop (409 `blocked_by_policy`), unless
/// the rule allows an override and a reason is given; a contact recorded after the fact is stored
/// as it happened, marked a breach and said to be one; every breach and override is listed for
/// compliance and on the supervisor's page the same day. The server's clock stands at 06:57 on
/// 24 November in Shanghai, C1's time zone (22:57 on the 23rd UTC).
final class ContactBreachTests: XCTestCase {
    static let morning = UTCTimestamp.instant("2026-11-24T06:57:00+08:00") ?? Date()
    static let quietHours = "No calls, messages or visits from 22:00 to 08:00 in the customer's local time"
    /// The same words as a page writes them (the apostrophe escaped).
    static let quietHoursInHTML = "No calls, messages or visits from 22:00 to 08:00 in the customer&#39;s local time"

    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await ContactFixture.each(now: Self.morning, body)
    }

    private func start(_ fixture: SecurityFixture, _ token: String, channel: String = "call", reason: String? = nil) async throws -> APIAnswer {
        let override = reason.map { #", "override_reason": "\#($0)""# } ?? ""
        return try await fixture.api(.POST, "/api/v1/start-contact", token: token, json: #"{"customer_id": "C1", "channel": "\#(channel)"\#(override)}"#)
    }

    private func errorBody(_ answer: APIAnswer) -> [String: Any] { answer.json["error"] as? [String: Any] ?? [:] }

    func testStartingACallInQuietHoursIsRefusedWith409NamingTheRule() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            let refused = try await start(fixture, token)
            XCTAssertEqual(refused.status, .conflict, "\(database): \(refused.json)")
            XCTAssertEqual(errorBody(refused)["code"] as? String, "blocked_by_policy", database)
            XCTAssertEqual(errorBody(refused)["rule"] as? String, "cn.quiet-hours", database)
            XCTAssertEqual(errorBody(refused)["next_allowed_at"] as? String, "2026-11-24T00:00:00Z", database)
            XCTAssertTrue((errorBody(refused)["message"] as? String)?.contains("override reason") ?? false, "\(database): \(refused.json)")
            let blank = try await start(fixture, token, reason: "   ")
            XCTAssertEqual(blank.status, .unprocessableEntity, database)
            XCTAssertEqual(blank.error["field"], "override_reason", database)
            let long = try await start(fixture, token, reason: String(repeating: "x", count: 501))
            XCTAssertEqual(long.error["field"], "override_reason", database)
            let overrides = try await fixture.store.count("contact_overrides")
            XCTAssertEqual(overrides, 0, "\(database): nothing is stored for a refused start")
        }
    }

    func testAnOverrideWithAReasonProceedsIsStoredAuditedAndCoversTheCallItOpened() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            let started = try await start(fixture, token, reason: "the customer asked to be called before work")
            XCTAssertEqual(started.status, .created, "\(database): \(started.json)")
            let overrideId = try XCTUnwrap(started.json["override_id"] as? String, database)
            XCTAssertEqual(started.json["allowed"] as? Bool, true, database)

            let call = try await fixture.api(.POST, "/api/v1/contact-attempts", token: token,
                                             json: #"{"customer_id": "C1", "channel": "call", "outcome": "right_party_contact"}"#)
            XCTAssertEqual(call.status, .created, database)
            XCTAssertEqual(call.json["override_id"] as? String, overrideId, database)
            XCTAssertTrue(call.json["breach"] is NSNull, "\(database): the call the override opened is no breach: \(call.json)")
            let again = try await fixture.api(.POST, "/api/v1/contact-attempts", token: token,
                                              json: #"{"customer_id": "C1", "channel": "call", "outcome": "no_answer"}"#)
            let breach = try XCTUnwrap(again.json["breach"] as? [String: Any], "\(database): one override opens one call: \(again.json)")
            XCTAssertEqual(breach["rule"] as? String, "cn.quiet-hours", database)
            XCTAssertTrue((breach["message"] as? String)?.contains(Self.quietHours) ?? false, "\(database): \(breach)")

            let audit = try await fixture.auditEntries().filter { $0.action == "contact_override" }
            XCTAssertEqual(audit.count, 1, database)
            XCTAssertTrue(audit.first?.actor.hasPrefix("user:collector-") ?? false, database)

            let compliance = try await fixture.token(.compliance)
            let listed = try await fixture.api(.GET, "/api/v1/compliance/breaches?from=2026-11-24&to=2026-11-24", token: compliance)
            XCTAssertEqual(listed.status, .ok, "\(database): \(listed.json)")
            let items = listed.json["items"] as? [[String: Any]] ?? []
            XCTAssertEqual(items.map { $0["kind"] as? String ?? "" }, ["breach", "override"], "\(database): \(items)")
            let override = try XCTUnwrap(items.first { $0["kind"] as? String == "override" }, database)
            XCTAssertEqual(override["reason"] as? String, "the customer asked to be called before work", database)
            XCTAssertEqual(override["rule"] as? String, "cn.quiet-hours", database)
            XCTAssertEqual(override["local_time"] as? String, "2026-11-24T06:57:00+08:00", database)
            XCTAssertEqual(override["occurred_at"] as? String, "2026-11-23T22:57:00Z", database)
        }
    }

    func testARuleWithoutOverrideStaysAHardStopWhateverTheReason() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            let flagged = try await fixture.api(.POST, "/api/v1/customers/C1/flags", token: token, json: #"{"flag": "dispute"}"#)
            XCTAssertEqual(flagged.status, .created, database)
            let refused = try await start(fixture, token, reason: "the customer asked to be called before work")
            XCTAssertEqual(refused.status, .conflict, database)
            XCTAssertEqual(errorBody(refused)["rule"] as? String, "universal.dispute", database)
            XCTAssertTrue((errorBody(refused)["message"] as? String)?.contains("allows no override") ?? false, "\(database): \(refused.json)")
            let overrides = try await fixture.store.count("contact_overrides")
            XCTAssertEqual(overrides, 0, database)
        }
    }

    func testABreachRecordedAfterTheFactIsStoredSaidAndListedByTheCustomersDates() async throws {
        try await each { fixture, database in
            let files = try CSVFiles()
            defer { files.remove() }
            let imported = try await fixture.store.importCollecting(.customers, try files.write("c3.csv", [
                "customer_id,name,mobile,email,address,region,time_zone,language,credit_rating",
                "C3,Ann Lee,+12125550100,ann@example.com,1 Main St,NY,America/New_York,en,B",
            ]))
            XCTAssertFalse(imported.rejected, "\(imported.issues)")
            let supervisor = try await fixture.token(.supervisor)
            // 23:30 on 23 November in New York is 04:30 on the 24th in UTC.
            let late = try await fixture.api(.POST, "/api/v1/contact-attempts", token: supervisor, json: """
                {"id": "LATE", "customer_id": "C3", "channel": "call", "at": "2026-11-23T23:30:00-05:00", "outcome": "no_answer"}
                """)
            XCTAssertEqual(late.status, .created, "\(database): recorded as it happened: \(late.json)")
            let breach = try XCTUnwrap(late.json["breach"] as? [String: Any], "\(database): \(late.json)")
            XCTAssertEqual(breach["rule"] as? String, "cn.quiet-hours", database)
            XCTAssertTrue((breach["rule_description"] as? String)?.hasPrefix(Self.quietHours) ?? false, database)
            let stored = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM contact_attempts WHERE id = 'LATE' AND breached_rule = 'cn.quiet-hours'")
            XCTAssertEqual(stored, 1, database)

            func listed(_ from: String, _ to: String) async throws -> [String] {
                let answer = try await fixture.api(.GET, "/api/v1/compliance/breaches?from=\(from)&to=\(to)", token: supervisor)
                XCTAssertEqual(answer.status, .ok, "\(database): \(answer.json)")
                return (answer.json["items"] as? [[String: Any]] ?? []).map { "\($0["customer_id"] ?? "") \($0["local_time"] ?? "")" }
            }
            let the23rd = try await listed("2026-11-23", "2026-11-23")
            XCTAssertEqual(the23rd, ["C3 2026-11-23T23:30:00-05:00"], "\(database): the customer's date decides, both ends included")
            let the24th = try await listed("2026-11-24", "2026-11-24")
            XCTAssertEqual(the24th, [], database)

            let collector = try await fixture.token(.collector, agentId: "c001")
            let forbidden = try await fixture.api(.GET, "/api/v1/compliance/breaches?from=2026-11-23&to=2026-11-23", token: collector)
            XCTAssertEqual(forbidden.status, .forbidden, database)
            let badDate = try await fixture.api(.GET, "/api/v1/compliance/breaches?from=2026-11-31&to=2026-12-01", token: supervisor)
            XCTAssertEqual(badDate.status, .badRequest, database)
            XCTAssertEqual(badDate.error["field"], "from", database)
            let missing = try await fixture.api(.GET, "/api/v1/compliance/breaches?from=2026-11-23", token: supervisor)
            XCTAssertEqual(missing.error["field"], "to", database)
        }
    }

    func testTheCollectorIsWarnedOnThePageAndTheSupervisorSeesTodaysBreachesAndOverrides() async throws {
        try await each { fixture, database in
            try await fixture.addUser("zhang", .collector, agentId: "c001")
            let collector = Browser(app: fixture.app)
            _ = try await collector.signIn("zhang", SecurityFixture.password)
            let before = try await collector.get("/work/cases/CASE-C1?lang=en").body.string
            XCTAssertFalse(before.contains("breach-warning"), database)
            XCTAssertTrue(before.contains("Customer&#39;s time: 2026-11-24 06:57 (Asia/Shanghai)"), "\(database): the page says the time where the customer is")
            let logged = try await collector.post("/work/cases/CASE-C1/attempts", ["channel": "call", "outcome": "no_answer", "note": "dialled at dawn"])
            XCTAssertEqual(logged.status, .seeOther, database)
            let location = try XCTUnwrap(logged.headers.first(name: .location), database)
            let page = try await collector.get(location + "&lang=en").body.string
            XCTAssertTrue(page.contains("id=\"breach-warning\""), "\(database): the collector is told at once")
            let warning = page.components(separatedBy: "id=\"breach-warning\"").last?.components(separatedBy: "</p>").first ?? ""
            XCTAssertTrue(warning.contains(Self.quietHoursInHTML), "\(database): the rule in words: \(warning)")
            XCTAssertFalse(warning.contains("cn.quiet-hours"), "\(database): not its code")

            let token = try await fixture.token(.collector, agentId: "c001")
            let started = try await start(fixture, token, reason: "agreed callback at 07:00")
            XCTAssertEqual(started.status, .created, database)

            let supervisor = try await fixture.signedIn(.supervisor)
            let board = try await supervisor.get("/supervisor?lang=en")
            XCTAssertEqual(board.status, .ok, database)
            let html = board.body.string
            XCTAssertTrue(html.contains("Breaches and overrides today"), database)
            let table = html.components(separatedBy: "id=\"breaches\"").last?.components(separatedBy: "</table>").first ?? ""
            XCTAssertEqual(table.components(separatedBy: "<tr class=\"breach\"").count - 1, 1, "\(database): \(table)")
            XCTAssertEqual(table.components(separatedBy: "<tr class=\"override\"").count - 1, 1, "\(database): \(table)")
            XCTAssertTrue(table.contains("agreed callback at 07:00"), database)
            XCTAssertTrue(table.contains(Self.quietHoursInHTML), database)
            XCTAssertTrue(table.contains("2026-11-24 06:57 (UTC+08:00)"), "\(database): the customer's time, as people read it")
        }
    }
}
