import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// Arrangements on the case page and the supervisor's page: approvals waiting, decisions within
/// authority limits, promises due today and broken, workload, and moving a task to another agent.
/// On `WorkbenchFixture`'s book: 王芳 (KW1, AW1, 2,000.00 overdue) and 李雷 (KW3) are
/// `c-zhang-wei`'s, John Smith (KW2) is `c-li-na`'s.
final class SupervisorPageTests: XCTestCase {
    static let today = LocalMoment(Date(), offset: 0).date

    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            try await body(fixture, database)
        }
    }

    private func signedIn(_ fixture: SecurityFixture, _ username: String, agentId: String) async throws -> Browser {
        try await fixture.addUser(username, .collector, agentId: agentId)
        let browser = Browser(app: fixture.app)
        _ = try await browser.signIn(username, SecurityFixture.password)
        return browser
    }

    private func onlyArrangement(_ fixture: SecurityFixture) async throws -> StoredArrangement {
        let all = try await Arrangements.list(status: nil, accountId: "AW1", scope: .all, after: nil, limit: 10, on: fixture.store.sql)
        XCTAssertEqual(all.count, 1)
        return all[0]
    }

    func testACollectorProposesAPlanBeyondTheirLimitAndTheSupervisorApprovesIt() async throws {
        try await each { fixture, database in
            let collector = try await signedIn(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let page = try await collector.get("/work/cases/KW1?lang=en")
            XCTAssertTrue(page.body.string.contains("id=\"plan-form\""), database)
            let first = Self.today.adding(days: 7).description
            let notANumber = try await collector.post("/work/cases/KW1/arrangements?lang=en", ["kind": "instalment_plan", "count": "twelve", "first_date": first])
            XCTAssertEqual(notANumber.status, .unprocessableEntity, database)
            XCTAssertTrue(notANumber.body.string.contains("count must be a whole number"), "\(database): the refusal names the field")
            let noDate = try await collector.post("/work/cases/KW1/arrangements", ["kind": "instalment_plan", "count": "12"])
            XCTAssertTrue(noDate.body.string.contains("first_date"), database)

            let proposed = try await collector.post("/work/cases/KW1/arrangements", ["kind": "instalment_plan", "count": "12", "first_date": first])
            XCTAssertEqual(proposed.status, .seeOther, "\(database): \(proposed.body.string.prefix(300))")
            let waiting = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(waiting.contains("waiting for approval") && waiting.contains("needs supervisor"), "\(database): 12 instalments are beyond a collector's 6")
            XCTAssertTrue(waiting.contains("\(first) · 166.74") && waiting.contains("166.66"), "\(database): the calculator's instalments add up to 2,000.00")

            let supervisor = try await fixture.signedIn(.supervisor)
            let arrangement = try await onlyArrangement(fixture)
            let desk = try await supervisor.get("/supervisor?lang=en")
            XCTAssertEqual(desk.status, .ok, database)
            XCTAssertTrue(desk.body.string.contains("approval-\(arrangement.id)") && desk.body.string.contains("Instalment plan"), database)
            let approved = try await supervisor.post("/supervisor/arrangements/\(arrangement.id)/approve", ["note": "salary cut confirmed"])
            XCTAssertEqual(approved.status, .seeOther, database)
            let decided = try await supervisor.get("/supervisor?lang=en").body.string
            XCTAssertFalse(decided.contains("approval-\(arrangement.id)"), "\(database): no longer waiting")

            let active = try await onlyArrangement(fixture)
            XCTAssertEqual(active.status, .active, database)
            let position = try await fixture.store.sql.raw("SELECT dpd, overdue_minor FROM account_positions WHERE account_id = 'AW1'").first()!
            XCTAssertEqual(try position.decode(column: "dpd", as: Int.self), 0, "\(database): the plan makes the account current at once")
            XCTAssertEqual(try position.decode(column: "overdue_minor", as: Int64.self), 0, database)
            let after = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(after.contains("status-active") && after.contains("salary cut confirmed"), database)
            let audit = try await fixture.auditEntries()
            XCTAssertTrue(audit.contains { $0.action == "arrangement.approve" && $0.subject == arrangement.id }, database)
        }
    }

    func testTheSupervisorCannotApproveBeyondTheirLimitAndRejects() async throws {
        try await each { fixture, database in
            let collector = try await signedIn(fixture, "zhang", agentId: WorkbenchFixture.collector)
            _ = try await collector.get("/work/cases/KW1")
            let deferral = ["kind": "deferral", "new_due_date": Self.today.adding(days: 120).description, "reason": "hospital"]
            let proposed = try await collector.post("/work/cases/KW1/arrangements", deferral)
            XCTAssertEqual(proposed.status, .seeOther, database)
            let arrangement = try await onlyArrangement(fixture)
            XCTAssertEqual(arrangement.requiredRole, .admin, "\(database): 120 days is beyond a supervisor's 90")

            let supervisor = try await fixture.signedIn(.supervisor)
            let desk = try await supervisor.get("/supervisor?lang=en").body.string
            XCTAssertTrue(desk.contains("beyond my authority"), database)
            let refused = try await supervisor.post("/supervisor/arrangements/\(arrangement.id)/approve?lang=en")
            XCTAssertEqual(refused.status, .forbidden, database)
            XCTAssertTrue(refused.body.string.contains("id=\"supervisor-error\"") && refused.body.string.contains("above the supervisor limit"), database)
            let stillProposed = try await onlyArrangement(fixture)
            XCTAssertEqual(stillProposed.status, .proposed, database)

            let rejected = try await supervisor.post("/supervisor/arrangements/\(arrangement.id)/reject", ["note": "ask for 60 days", "confirm": "yes"])
            XCTAssertEqual(rejected.status, .seeOther, database)
            let decided = try await onlyArrangement(fixture)
            XCTAssertEqual(decided.status, .rejected, database)
            let casePage = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(casePage.contains("status-rejected") && casePage.contains("ask for 60 days"), database)
            let again = try await supervisor.post("/supervisor/arrangements/\(arrangement.id)/approve")
            XCTAssertEqual(again.status, .conflict, "\(database): a rejected arrangement stays rejected")
        }
    }

    /// AW1's overdue interest and fees are 200.00.
    func testASupervisorsOwnWaiverWaitsAnotherApprovesItAndARejectionNeedsAReason() async throws {
        try await each { fixture, database in
            let first = try await fixture.signedIn(.supervisor, username: "sup-a")
            let second = try await fixture.signedIn(.supervisor, username: "sup-b")
            _ = try await first.get("/work/cases/KW1")
            let waiver = ["kind": "waiver", "waiver_share": "30%", "reason": "hardship"]
            let proposed = try await first.post("/work/cases/KW1/arrangements", waiver)
            XCTAssertEqual(proposed.status, .seeOther, "\(database): \(proposed.body.string.prefix(300))")
            let own = try await onlyArrangement(fixture)
            XCTAssertEqual(own.status, .proposed, "\(database): 30% is within a supervisor's 50%, yet it waits for another approver")
            let desk = try await first.get("/supervisor?lang=en").body.string
            XCTAssertTrue(desk.contains("my own proposal: another approver decides"), database)
            let byHimself = try await first.post("/supervisor/arrangements/\(own.id)/approve?lang=en")
            XCTAssertEqual(byHimself.status, .forbidden, database)
            XCTAssertTrue(byHimself.body.string.contains("id=\"supervisor-error\"") && byHimself.body.string.contains("four eyes"), database)

            let otherDesk = try await second.get("/supervisor?lang=en").body.string
            XCTAssertTrue(otherDesk.contains(#"<input name="note" maxlength="2000" size="14" required placeholder="reason for rejecting (required)""#),
                          "\(database): the page asks for the reason")
            let noReason = try await second.post("/supervisor/arrangements/\(own.id)/reject?lang=en", ["note": "", "confirm": "yes"])
            XCTAssertEqual(noReason.status, .unprocessableEntity, database)
            XCTAssertTrue(noReason.body.string.contains("a rejection needs a reason"), database)
            XCTAssertTrue(noReason.body.string.contains("id=\"error-reject-\(PageFormSlug.of(own.id))-note\""), "\(database): beside the reason")
            // Not confirmed: the reason typed stays in its field, the error beside the box, in the page's language.
            for (language, words) in [("en", "Tick the confirmation"), ("zh-CN", "拒绝前请勾选确认")] {
                let unconfirmed = try await second.post("/supervisor/arrangements/\(own.id)/reject?lang=\(language)", ["note": "客户已还清 / paid"])
                XCTAssertEqual(unconfirmed.status, .unprocessableEntity, "\(database) \(language)")
                let html = unconfirmed.body.string
                XCTAssertTrue(html.contains(#"value="客户已还清 / paid""#), "\(database) \(language): the reason typed stays")
                let beside = try XCTUnwrap(html.range(of: "id=\"error-reject-\(PageFormSlug.of(own.id))-confirm\"").map { String(html[$0.upperBound...].prefix(200)) },
                                           "\(database) \(language): the error beside the confirmation")
                XCTAssertTrue(beside.contains(words), "\(database) \(language): \(beside)")
            }
            let stillProposed = try await onlyArrangement(fixture)
            XCTAssertEqual(stillProposed.status, .proposed, database)
            let approved = try await second.post("/supervisor/arrangements/\(own.id)/approve")
            XCTAssertEqual(approved.status, .seeOther, database)
            let decided = try await onlyArrangement(fixture)
            XCTAssertEqual([decided.status.rawValue, decided.decidedBy], ["completed", "user:sup-b"], database)

            // A collector's 30% more makes 60% within the year: beyond a supervisor's 50%, named on the page.
            let collector = try await signedIn(fixture, "zhang", agentId: WorkbenchFixture.collector)
            _ = try await collector.get("/work/cases/KW1")
            let more = try await collector.post("/work/cases/KW1/arrangements", waiver)
            XCTAssertEqual(more.status, .seeOther, database)
            let again = try await Arrangements.list(status: .proposed, accountId: "AW1", scope: .all, after: nil, limit: 10, on: fixture.store.sql)
            XCTAssertEqual(again.first?.requiredRole, .admin, database)
            _ = try await second.get("/supervisor")
            let beyond = try await second.post("/supervisor/arrangements/\(again.first?.id ?? "")/approve?lang=en")
            XCTAssertEqual(beyond.status, .forbidden, database)
            XCTAssertTrue(beyond.body.string.contains("a cumulative 60% waived on the account within 365 days"), "\(database): \(beyond.body.string)")
        }
    }

    func testACustomerWhoOwesNothingIsNotOfferedAPromiseForm() async throws {
        try await each { fixture, database in
            let collector = try await signedIn(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let owing = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(owing.contains("id=\"promise-form\""), database)
            try await fixture.store.sql.raw("""
                INSERT INTO payments (id, account_id, paid_on, amount_minor, currency, channel) VALUES ('PAY-1', 'AW1', '2026-11-22', 200000, 'CNY', 'bank_transfer')
                """).run()
            _ = try await PositionRepository(store: fixture.store, buckets: .standard).recompute(asOf: WorkbenchFixture.asOf)
            let paid = try await collector.get("/work/cases/KW1?lang=en").body.string
            XCTAssertFalse(paid.contains("id=\"promise-form\""), "\(database): nothing is overdue, nothing to promise")
            XCTAssertTrue(paid.contains("id=\"nothing-to-promise\""), database)
            let forced = try await collector.post("/work/cases/KW1/promises?lang=en", ["currency": "CNY", "amount": "100.00", "due_on": Self.today.adding(days: 3).description])
            XCTAssertEqual(forced.status, .unprocessableEntity, database)
            XCTAssertTrue(forced.body.string.contains("nothing is overdue on the case"), database)
            let promises = try await fixture.store.count("promises")
            XCTAssertEqual(promises, 0, database)
        }
    }

    func testACollectorCannotOpenTheSupervisorsPage() async throws {
        try await each { fixture, database in
            let collector = try await signedIn(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let page = try await collector.get("/supervisor")
            XCTAssertEqual(page.status, .forbidden, database)
            _ = try await collector.get("/work")
            let forged = try await collector.post("/supervisor/tasks/KW3:2026-11-23/reassign", ["agent_id": "c-zhang-wei"])
            XCTAssertEqual(forged.status, .forbidden, database)
            let admin = try await fixture.signedIn(.admin).get("/supervisor")
            XCTAssertEqual(admin.status, .ok, database)
        }
    }

    func testReassigningMovesTheTaskToTheOtherAgentsQueue() async throws {
        try await each { fixture, database in
            let zhang = try await signedIn(fixture, "zhang", agentId: WorkbenchFixture.collector)
            let li = try await signedIn(fixture, "li", agentId: WorkbenchFixture.otherCollector)
            let supervisor = try await fixture.signedIn(.supervisor)
            let desk = try await supervisor.get("/supervisor?lang=en").body.string
            XCTAssertTrue(desk.contains("zhang (c-zhang-wei)</td><td class=\"num\">2</td>"), "\(database): KW1 and KW3 are zhang's")
            XCTAssertTrue(desk.contains("li (c-li-na)</td><td class=\"num\">1</td>"), database)

            let unknown = try await supervisor.post("/supervisor/tasks/KW3:2026-11-23/reassign?lang=en", ["agent_id": "c-nobody"])
            XCTAssertEqual(unknown.status, .unprocessableEntity, database)
            XCTAssertTrue(unknown.body.string.contains("agent_id c-nobody is not an agent of the team"), database)
            let moved = try await supervisor.post("/supervisor/tasks/KW3:2026-11-23/reassign", ["agent_id": WorkbenchFixture.otherCollector])
            XCTAssertEqual(moved.status, .seeOther, database)

            let lisQueue = try await li.get("/work").body.string
            XCTAssertTrue(lisQueue.contains("/work/cases/KW3"), "\(database): the task is in li's queue")
            let zhangsQueue = try await zhang.get("/work").body.string
            XCTAssertFalse(zhangsQueue.contains("/work/cases/KW3"), "\(database): and no longer in zhang's")
            let entry = try await fixture.auditEntries().first { $0.action == "task.reassign" }
            let details = try entry.map { try JSONSerialization.jsonObject(with: Data($0.details.utf8)) as? [String: String] }
            XCTAssertEqual(details??["to"], WorkbenchFixture.otherCollector, database)
            XCTAssertEqual(details??["from"], WorkbenchFixture.collector, database)
        }
    }

    func testPromisesDueTodayAndBrokenOnesInTheLastWeekAreListed() async throws {
        try await each { fixture, database in
            let promises: [(id: String, caseId: String, customerId: String, status: String, dueOn: Int, settledOn: Int?)] = [
                ("P1", "KW1", "CW1", "pending", 0, nil), ("P2", "KW2", "CW2", "broken", -4, -3), ("P3", "KW3", "CW3", "broken", -21, -20),
                ("P4", "KW3", "CW3", "pending", 2, nil),
            ]
            for p in promises {
                try await fixture.store.sql.raw("""
                    INSERT INTO promises (id, case_id, customer_id, currency, amount_minor, promised_on, due_on, status, paid_minor, settled_on)
                    VALUES (\(bind: p.id), \(bind: p.caseId), \(bind: p.customerId), 'CNY', 50000, '2026-11-01', \(bind: Self.today.adding(days: p.dueOn).description),
                            \(bind: p.status), \(bind: p.settledOn.map { _ in Int64(10000) }), \(bind: p.settledOn.map { Self.today.adding(days: $0).description }))
                    """).run()
            }
            let page = try await fixture.signedIn(.supervisor).get("/supervisor?lang=en").body.string
            func section(_ id: String) -> String {
                page.components(separatedBy: "id=\"\(id)\"")[1].components(separatedBy: "</ul>")[0]
            }
            XCTAssertTrue(section("promises-due").contains("王芳 · 500.00 CNY"), database)
            XCTAssertFalse(section("promises-due").contains("KW3"), "\(database): not due today")
            XCTAssertTrue(section("promises-broken").contains("John Smith · 500.00 CNY") && section("promises-broken").contains("paid 100.00"), database)
            XCTAssertFalse(section("promises-broken").contains("KW3"), "\(database): broken 20 days ago is outside the week")
        }
    }
}
