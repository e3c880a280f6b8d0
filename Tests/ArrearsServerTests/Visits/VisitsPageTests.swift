import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The `/visits` pages: the supervisor dispatches from the page, the field team sees the visit in
/// its day and reports it, and the result is on the case at once. On `WorkbenchFixture`'s book,
/// whose customers live in Asia/Shanghai (UTC+8).
final class VisitsPageTests: XCTestCase {
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// The server's clock stands at the test's start until `clock` moves it.
    private func each(_ body: (SecurityFixture, FakeClock, String) async throws -> Void) async throws {
        try await VisitFixture.each(start: Date()) { fixture, clock, database in
            try await fixture.addUser("shanghai-team", .fieldAgent, agentId: "f-shanghai")
            try await body(fixture, clock, database)
        }
    }

    /// `date` as a `datetime-local` field holds it in Shanghai.
    private func local(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = Self.shanghai
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm"
        return formatter.string(from: date)
    }

    func testASupervisorDispatchesAndTheFieldAgentReportsFromThePage() async throws {
        try await each { fixture, clock, database in
            let supervisor = try await fixture.signedIn(.supervisor, username: "boss")
            let empty = try await supervisor.get("/visits?lang=en")
            XCTAssertEqual(empty.status, .ok, database)
            XCTAssertTrue(empty.body.string.contains("id=\"dispatch-lookup\"") && empty.body.string.contains("No visits on this day."), database)

            // Two days ahead at 10:00 in Shanghai, a two-hour window.
            let start = Date().addingTimeInterval(2 * 86_400)
            let tooSoon = try await supervisor.post("/visits", ["case_id": "KW1", "agent_id": "f-shanghai", "starts_at": local(Date().addingTimeInterval(3_600)),
                                                                "ends_at": local(Date().addingTimeInterval(7_200))])
            XCTAssertEqual(tooSoon.status, .unprocessableEntity, database)
            XCTAssertTrue(tooSoon.body.string.contains("id=\"visits-error\"") && tooSoon.body.string.contains("starts_at"), "\(database): the refusal names the field")
            let unknown = try await supervisor.post("/visits", ["case_id": "NOPE", "agent_id": "f-shanghai", "starts_at": local(start),
                                                                "ends_at": local(start.addingTimeInterval(7_200))])
            XCTAssertEqual(unknown.status, .notFound, database)

            let dispatched = try await supervisor.post("/visits", ["case_id": "KW1", "agent_id": "f-shanghai", "starts_at": local(start),
                                                                   "ends_at": local(start.addingTimeInterval(7_200))])
            XCTAssertEqual(dispatched.status, .seeOther, "\(database): \(dispatched.body.string.prefix(300))")
            let location = try XCTUnwrap(dispatched.headers.first(name: .location), database)
            let day = String(local(start).prefix(10))
            XCTAssertTrue(location.hasPrefix("/visits?date=\(day)#visit-VISIT-"), "\(database): back to the visit's day, not \(location)")
            let visitId = String(location.split(separator: "#").last!.dropFirst("visit-".count))
            let queued = try await fixture.store.count("outbox_messages")
            XCTAssertEqual(queued, 1, "\(database): the advance notice is queued")
            let desk = try await supervisor.get("/visits?date=\(day)&lang=en").body.string
            XCTAssertTrue(desk.contains("id=\"visit-\(visitId)\"") && desk.contains("Team f-shanghai"), database)
            XCTAssertFalse(desk.contains("report-form"), "\(database): supervisors dispatch, field teams report")

            let field = try await fixture.signedIn(.fieldAgent, username: "shanghai", agentId: "f-shanghai")
            let sheet = try await field.get("/visits?date=\(day)&lang=en")
            XCTAssertEqual(sheet.status, .ok, database)
            let html = sheet.body.string
            XCTAssertTrue(html.contains("id=\"visit-\(visitId)\"") && html.contains("王芳") && html.contains("report-form"), database)
            XCTAssertFalse(html.contains("dispatch-form") || html.contains("dispatch-lookup"), "\(database): field teams do not dispatch")
            XCTAssertFalse(html.contains("世纪大道"), "\(database): the address is masked as on the case page")
            XCTAssertTrue(html.contains("Address ***") && html.contains("Region 上海"), database)
            XCTAssertTrue(html.contains("\(local(start).replacingOccurrences(of: "T", with: " "))–") && html.contains("Asia/Shanghai"),
                          "\(database): the window in the customer's time zone")
            let other = try await fixture.signedIn(.fieldAgent, username: "beijing", agentId: "f-beijing").get("/visits?date=\(day)").body.string
            XCTAssertFalse(other.contains(visitId), "\(database): another team does not see it")

            clock.advance(seconds: 2 * 86_400 + 1_800)
            let badVisitors = try await field.post("/visits/\(visitId)/report", ["met": "customer", "visitors": "0", "identification_shown": "on", "two_collectors_present": "on"])
            XCTAssertEqual(badVisitors.status, .unprocessableEntity, database)
            XCTAssertTrue(badVisitors.body.string.contains("visitors"), database)
            let dueOn = LocalMoment(Date(), offset: 0).date.adding(days: 7).description
            let reported = try await field.post("/visits/\(visitId)/report", [
                "met": "customer", "visitors": "2", "identification_shown": "on", "two_collectors_present": "on", "situation": "lost his job in October", "difficulty": "medical bills",
                "promise_amount": "500.00", "promise_due_on": dueOn, "plan_requested": "on", "note": "will pay after the salary",
            ])
            XCTAssertEqual(reported.status, .seeOther, "\(database): \(reported.body.string.prefix(300))")
            let after = try await field.get("/visits?date=\(day)&lang=en").body.string
            XCTAssertTrue(after.contains("data-status=\"done\"") && after.contains("Met the customer"), database)
            XCTAssertFalse(after.contains("action=\"/visits/\(visitId)/report?lang="), "\(database): a visit is reported once")
            let again = try await field.post("/visits/\(visitId)/report", ["met": "customer", "visitors": "2", "identification_shown": "on", "two_collectors_present": "on"])
            XCTAssertEqual(again.status, .conflict, database)

            let casePage = try await supervisor.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(casePage.contains("visit_met") && casePage.contains("will pay after the salary"), "\(database): the attempt is on the case")
            XCTAssertTrue(casePage.contains("500.00") && casePage.contains(dueOn), "\(database): so is the promise")
            XCTAssertTrue(casePage.contains("data-treatment=\"visit_follow_up\""), "\(database): and the follow-up task")
            let audit = try await fixture.auditEntries()
            XCTAssertTrue(audit.contains { $0.action == "visit_dispatched" && $0.actor == "user:boss" }, database)
            XCTAssertTrue(audit.contains { $0.action == "visit_reported" && $0.actor == "user:shanghai" }, database)
        }
    }

    func testACollectorMayNotDispatchNorAFieldAgent() async throws {
        try await each { fixture, clock, database in
            let collector = try await fixture.signedIn(.collector, username: "zhang", agentId: WorkbenchFixture.collector)
            _ = try await collector.get("/work")
            let start = Date().addingTimeInterval(2 * 86_400)
            let form = ["case_id": "KW1", "agent_id": "f-shanghai", "starts_at": local(start), "ends_at": local(start.addingTimeInterval(7_200))]
            let refused = try await collector.post("/visits", form)
            XCTAssertEqual(refused.status, .forbidden, database)
            let page = try await collector.get("/visits")
            XCTAssertEqual(page.status, .forbidden, database)
            let field = try await fixture.signedIn(.fieldAgent, username: "shanghai", agentId: "f-shanghai")
            _ = try await field.get("/visits")
            let fieldRefused = try await field.post("/visits", form)
            XCTAssertEqual(fieldRefused.status, .forbidden, database)
            let forged = try await fixture.signedIn(.supervisor, username: "boss").post("/visits", form, csrf: false)
            XCTAssertEqual(forged.status, .forbidden, "\(database): no CSRF token, no dispatch")
            let visits = try await fixture.store.count("visits")
            XCTAssertEqual(visits, 0, database)
            let badDate = try await field.get("/visits?date=tomorrow")
            XCTAssertEqual(badDate.status, .badRequest, database)
        }
    }

    func testASupervisorCancelsAVisitFromThePageAndTheTeamNoLongerSeesIt() async throws {
        try await each { fixture, clock, database in
            let supervisor = try await fixture.signedIn(.supervisor, username: "boss")
            _ = try await supervisor.get("/visits")
            let start = Date().addingTimeInterval(2 * 86_400)
            let dispatched = try await supervisor.post("/visits", ["case_id": "KW1", "agent_id": "f-shanghai", "starts_at": local(start),
                                                                   "ends_at": local(start.addingTimeInterval(7_200))])
            let location = try XCTUnwrap(dispatched.headers.first(name: .location), database)
            let visitId = String(location.split(separator: "#").last!.dropFirst("visit-".count))
            let day = String(local(start).prefix(10))
            let desk = try await supervisor.get("/visits?date=\(day)&lang=en").body.string
            XCTAssertTrue(desk.contains("action=\"/visits/\(visitId)/cancel?lang=") && desk.contains("Cancel the visit"), "\(database): the supervisor may cancel it")

            let field = try await fixture.signedIn(.fieldAgent, username: "shanghai", agentId: "f-shanghai")
            let sheet = try await field.get("/visits?date=\(day)&lang=en").body.string
            XCTAssertTrue(sheet.contains("id=\"visit-\(visitId)\"") && sheet.contains("<strong>1. 王芳</strong>"), "\(database): the first stop")
            XCTAssertFalse(sheet.contains("cancel-form"), "\(database): a field team does not cancel")
            let byField = try await field.post("/visits/\(visitId)/cancel", ["reason": "not going"])
            XCTAssertEqual(byField.status, .forbidden, database)
            let forged = try await supervisor.post("/visits/\(visitId)/cancel", ["reason": "paid"], csrf: false)
            XCTAssertEqual(forged.status, .forbidden, "\(database): no CSRF token, no cancel")
            _ = try await supervisor.get("/visits?date=\(day)")
            let blank = try await supervisor.post("/visits/\(visitId)/cancel?lang=en", ["reason": "  "])
            XCTAssertEqual(blank.status, .unprocessableEntity, database)
            XCTAssertTrue(blank.body.string.contains("id=\"visits-error\"") && blank.body.string.contains("give the reason"), "\(database): the refusal names the field")
            let unknown = try await supervisor.post("/visits/VISIT-nope/cancel", ["reason": "paid"])
            XCTAssertEqual(unknown.status, .notFound, database)

            let cancelled = try await supervisor.post("/visits/\(visitId)/cancel", ["reason": "the customer paid in full"])
            XCTAssertEqual(cancelled.status, .seeOther, "\(database): \(cancelled.body.string.prefix(300))")
            XCTAssertEqual(cancelled.headers.first(name: .location), "/visits?date=\(day)#visit-\(visitId)", database)
            let after = try await supervisor.get("/visits?date=\(day)&lang=en").body.string
            XCTAssertTrue(after.contains("data-status=\"cancelled\"") && after.contains("Reason for cancelling <span class=\"cancel-reason\">the customer paid in full"),
                          "\(database): the supervisor sees what was called off and why")
            XCTAssertTrue(after.contains("<strong>王芳</strong>"), "\(database): a cancelled visit is no numbered stop")
            XCTAssertFalse(after.contains("action=\"/visits/\(visitId)/cancel?lang="), "\(database): a visit is cancelled once")
            let chinese = try await supervisor.get("/visits?date=\(day)&lang=zh-CN").body.string
            XCTAssertTrue(chinese.contains("已取消") && chinese.contains("取消原因"), database)
            let again = try await supervisor.post("/visits/\(visitId)/cancel", ["reason": "twice"])
            XCTAssertEqual(again.status, .conflict, database)

            let gone = try await field.get("/visits?date=\(day)&lang=en").body.string
            XCTAssertFalse(gone.contains(visitId), "\(database): the team's day no longer lists it")
            XCTAssertTrue(gone.contains("No visits on this day."), database)
            let report = try await field.post("/visits/\(visitId)/report?lang=en", ["met": "customer", "visitors": "2", "identification_shown": "on", "two_collectors_present": "on"])
            XCTAssertEqual(report.status, .conflict, database)
            XCTAssertTrue(report.body.string.contains("the visit was cancelled"), database)
            let notices = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM outbox_messages WHERE id = '\(visitId):cancelled'")
            XCTAssertEqual(notices, 1, "\(database): the customer is told")
            let audit = try await fixture.auditEntries()
            XCTAssertTrue(audit.contains { $0.action == "visit_cancelled" && $0.actor == "user:boss" }, database)
        }
    }
}
