import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// The supervisor's desk as issue 25 asks for it, through the page on `WorkbenchFixture`'s book:
/// approvals a supervisor can decide on sight, reassignment among the agents of the task's
/// channel, and quality reviews of contact attempts that count in the collector appraisal.
final class SupervisorDeskTests: XCTestCase {
    static let today = LocalMoment(Date(), offset: 0).date

    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            try await body(fixture, database)
        }
    }

    private func collector(_ fixture: SecurityFixture) async throws -> Browser {
        try await fixture.addUser("zhang", .collector, agentId: WorkbenchFixture.collector)
        let browser = Browser(app: fixture.app)
        _ = try await browser.signIn("zhang", SecurityFixture.password)
        return browser
    }

    /// The `<tr>` of `id` in `page`.
    private func row(_ id: String, in page: String) -> String {
        page.components(separatedBy: "id=\"\(id)\"").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
    }

    func testAnApprovalShowsTheCustomerDPDAndAmountWithTheButtonsFirstAndARejectionMustBeConfirmed() async throws {
        try await each { fixture, database in
            let zhang = try await collector(fixture)
            _ = try await zhang.get("/work/cases/KW1")
            let proposed = try await zhang.post("/work/cases/KW1/arrangements", ["kind": "instalment_plan", "count": "12",
                                                                                   "first_date": Self.today.adding(days: 7).description])
            XCTAssertEqual(proposed.status, .seeOther, database)
            let arrangement = try await Arrangements.list(status: .proposed, accountId: "AW1", scope: .all, after: nil, limit: 10, on: fixture.store.sql)[0]

            let supervisor = try await fixture.signedIn(.supervisor)
            let desk = try await supervisor.get("/supervisor?lang=en").body.string
            let line = row("approval-\(arrangement.id)", in: desk)
            XCTAssertTrue(line.contains("<a href=\"/work/cases/KW1?lang=en\">王芳</a>"), "\(database): the customer by name, linked to the case: \(line)")
            XCTAssertTrue(line.contains("<td class=\"num\">53</td>") && line.contains(" CNY</td>"), "\(database): DPD and amount: \(line)")
            XCTAssertTrue(line.contains("user:zhang") && line.contains("supervisor"), "\(database): proposer and the role it needs")
            let buttons = line.range(of: "/reject")?.lowerBound, terms = line.range(of: "Instalment plan")?.lowerBound
            XCTAssertNotNil(buttons, database)
            XCTAssertTrue(buttons.flatMap { b in terms.map { b < $0 } } ?? false, "\(database): the buttons come before the long terms, in view at 1366 px")
            XCTAssertTrue(line.contains(#"<input type="checkbox" name="confirm" value="yes" required>"#), "\(database): the page asks to confirm")

            let chinese = row("approval-\(arrangement.id)", in: try await supervisor.get("/supervisor?lang=zh-CN").body.string)
            XCTAssertTrue(chinese.contains("<td>主管</td>") && !chinese.contains("supervisor<"), "\(database): the role in Chinese: \(chinese)")

            let unconfirmed = try await supervisor.post("/supervisor/arrangements/\(arrangement.id)/reject", ["note": "income not shown"])
            XCTAssertEqual(unconfirmed.status, .unprocessableEntity, database)
            XCTAssertTrue(unconfirmed.body.string.contains("拒绝后不可撤销"), "\(database): the page asks again, in the reader's language (Chinese by default)")
            let still = try await Arrangements.find(id: arrangement.id, scope: .all, on: fixture.store.sql)
            XCTAssertEqual(still?.status, .proposed, "\(database): nothing was decided")
            let rejected = try await supervisor.post("/supervisor/arrangements/\(arrangement.id)/reject", ["note": "income not shown", "confirm": "yes"])
            XCTAssertEqual(rejected.status, .seeOther, database)
            let decided = try await Arrangements.find(id: arrangement.id, scope: .all, on: fixture.store.sql)
            XCTAssertEqual(decided?.status, .rejected, database)
        }
    }

    /// Issue 25: "the approve/reject buttons sit off-screen at 1366 px".
    func testTheDecisionButtonsAreInViewAt1366PixelsWithoutScrolling() async throws {
        let chromium = try ChromiumLayout()
        defer { chromium.remove() }
        try await each { fixture, database in
            let zhang = try await collector(fixture)
            _ = try await zhang.get("/work/cases/KW1")
            let waiver = ["kind": "deferral", "new_due_date": Self.today.adding(days: 120).description,
                          "reason": String(repeating: "a long story of a hospital stay and a lost job ", count: 4)]
            let proposed = try await zhang.post("/work/cases/KW1/arrangements", waiver)
            XCTAssertEqual(proposed.status, .seeOther, database)
            let desk = try await fixture.signedIn(.supervisor).get("/supervisor?lang=zh-CN").body.string
            let measured = try chromium.measure(desk, windowWidth: 1366, script: """
                var right = 0; document.querySelectorAll('#approvals button').forEach(function (b) { right = Math.max(right, b.getBoundingClientRect().right); });
                return Math.ceil(right) + ' ' + document.documentElement.clientWidth;
                """)
            let numbers = measured.split(separator: " ").compactMap { Int($0) }
            XCTAssertEqual(numbers.count, 2, "\(database): \(measured)")
            XCTAssertTrue(numbers.count == 2 && numbers[0] > 0 && numbers[0] <= numbers[1],
                          "\(database): the rightmost button ends at \(measured.split(separator: " ").first ?? "") px, within the window")
        }
    }

    func testReassignmentOffersOnlyTheAgentsOfTheTasksChannelWithItsAgentSelectedAndFilters() async throws {
        try await each { fixture, database in
            try await fixture.addUser("wang", .fieldAgent, agentId: "f-wang")
            try await fixture.addUser("li", .collector, agentId: WorkbenchFixture.otherCollector)
            let supervisor = try await fixture.signedIn(.supervisor)
            let desk = try await supervisor.get("/supervisor?lang=en").body.string
            let tasks = desk.components(separatedBy: "id=\"open-task-list\"").dropFirst().first?.components(separatedBy: "</table>").first ?? ""
            XCTAssertTrue(tasks.contains("c-zhang-wei") && tasks.contains("c-li-na"), database)
            XCTAssertFalse(tasks.contains("f-wang"), "\(database): a field agent is not offered call tasks")
            let kw2 = tasks.components(separatedBy: "/work/cases/KW2?").dropFirst().first?.components(separatedBy: "</tr>").first ?? ""
            XCTAssertTrue(kw2.contains(#"<option value="c-li-na" selected>"#), "\(database): KW2's select starts at its own agent: \(kw2)")
            XCTAssertFalse(kw2.contains(#"<option value="c-zhang-wei" selected>"#), database)

            let lis = try await supervisor.get("/supervisor?lang=en&agent=c-li-na").body.string
            let lisTasks = lis.components(separatedBy: "id=\"open-task-list\"")[1].components(separatedBy: "</table>")[0]
            XCTAssertTrue(lisTasks.contains("/work/cases/KW2?") && !lisTasks.contains("/work/cases/KW1?") && !lisTasks.contains("/work/cases/KW3?"),
                          "\(database): only li's tasks")
            let visits = try await supervisor.get("/supervisor?lang=en&channel=visit").body.string
            XCTAssertFalse(visits.components(separatedBy: "id=\"open-task-list\"")[1].components(separatedBy: "</table>")[0].contains("/work/cases/"),
                           "\(database): no visit tasks are open")
            let toFieldAgent = try await supervisor.post("/supervisor/tasks/KW3:2026-11-23/reassign", ["agent_id": "f-wang"])
            XCTAssertEqual(toFieldAgent.status, .unprocessableEntity, "\(database): the server refuses an agent of another channel too")
        }
    }

    func testAQualityReviewIsStoredOnceAndCountsInTheCollectorsAppraisal() async throws {
        try await each { fixture, database in
            // A minute ago: the appraisal counts the month to date, and an hour ago was last month
            // in the first hour of a month.
            let at = ContactRecords.timestamp(Date().addingTimeInterval(-60))
            try await fixture.store.sql.raw("""
                INSERT INTO contact_attempts (id, customer_id, channel, contact_point, attempted_at, outcome, note, recorded_by)
                VALUES ('ATT-Q1', 'CW1', 'call', 'mobile', \(bind: at), 'promise_to_pay', 'will pay Friday', \(bind: WorkbenchFixture.collector))
                """).run()
            let supervisor = try await fixture.signedIn(.supervisor)
            let desk = try await supervisor.get("/supervisor?lang=zh-CN").body.string
            let form = desk.components(separatedBy: "id=\"review-ATT-Q1\"").dropFirst().first?.components(separatedBy: "</form>").first ?? ""
            XCTAssertTrue(form.contains("王芳") && form.contains("承诺还款") && form.contains("Asia/Shanghai"),
                          "\(database): the attempt in words and the customer's local time: \(form)")
            XCTAssertFalse(form.contains("promise_to_pay"), "\(database): no raw outcome code on a zh-CN page")
            for check in ["identity_checked", "disclosures_made", "respectful_tone", "no_threats", "correct_outcome"] {
                XCTAssertTrue(form.contains("name=\"\(check)\""), "\(database): \(check)")
            }

            let reviewed = try await supervisor.post("/supervisor/quality-reviews", [
                "contact_attempt_id": "ATT-Q1", "identity_checked": "yes", "disclosures_made": "yes", "respectful_tone": "yes", "correct_outcome": "yes",
                "note": "pressed for a date twice",
            ])
            XCTAssertEqual(reviewed.status, .seeOther, "\(database): \(reviewed.body.string.prefix(300))")
            let again = try await supervisor.post("/supervisor/quality-reviews", ["contact_attempt_id": "ATT-Q1", "no_threats": "yes"])
            XCTAssertEqual(again.status, .conflict, "\(database): one review per attempt")
            let unknown = try await supervisor.post("/supervisor/quality-reviews", ["contact_attempt_id": "ATT-NONE"])
            XCTAssertEqual(unknown.status, .notFound, database)

            let after = try await supervisor.get("/supervisor?lang=en").body.string
            XCTAssertFalse(after.contains("id=\"review-ATT-Q1\""), "\(database): reviewed, no longer offered")
            let appraisal = row("", in: after.replacingOccurrences(of: "data-collector=\"c-zhang-wei\"", with: "id=\"\""))
            XCTAssertTrue(appraisal.contains("80.0% (1)"), "\(database): 4 of 5 checks, beside the amounts: \(appraisal)")
            let entry = try await fixture.auditEntries().first { $0.action == "quality.review" }
            XCTAssertEqual(entry?.subject, "ATT-Q1", database)
            let stored = try await fixture.store.sql.raw("SELECT points, reviewer, note FROM quality_reviews WHERE contact_attempt_id = 'ATT-Q1'").all()
            XCTAssertEqual(stored.count, 1, database)
            XCTAssertEqual(try stored.first?.decode(column: "points", as: Int.self), 4, database)

            let collector = try await collector(fixture)
            _ = try await collector.get("/work")
            let forged = try await collector.post("/supervisor/quality-reviews", ["contact_attempt_id": "ATT-Q1"])
            XCTAssertEqual(forged.status, .forbidden, "\(database): only supervisors review")
        }
    }
}
