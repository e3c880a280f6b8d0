import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The collector's pages: the queue, the case page and its forms, next case, and scope.
final class WorkbenchPageTests: XCTestCase {
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.eachOnTheWorkbench(body)
    }

    private func signedInCollector(_ fixture: SecurityFixture) async throws -> Browser {
        try await fixture.addUser("zhang", .collector, agentId: WorkbenchFixture.collector)
        let browser = Browser(app: fixture.app)
        _ = try await browser.signIn("zhang", SecurityFixture.password)
        return browser
    }

    func testACollectorWorksACaseFromTheQueue() async throws {
        try await each { fixture, database in
            let browser = try await signedInCollector(fixture)
            let queue = try await browser.get("/work?lang=en")
            XCTAssertEqual(queue.status, .ok, database)
            XCTAssertTrue(queue.body.string.contains("/work/cases/KW1"))
            XCTAssertTrue(queue.body.string.contains("/work/cases/KW3"))
            XCTAssertFalse(queue.body.string.contains("/work/cases/KW2"), "another collector's work is not in my queue")

            let page = try await browser.get("/work/cases/KW1?lang=en")
            XCTAssertEqual(page.status, .ok)
            XCTAssertTrue(page.body.string.contains("王芳"))
            XCTAssertTrue(page.body.string.contains("138****8000"), "the mobile number is masked")
            let attempt = try await browser.post("/work/cases/KW1/attempts", ["channel": "call", "outcome": "right_party_contact", "note": "salary on Friday"])
            XCTAssertEqual(attempt.status, .seeOther)
            let due = LocalMoment(Date(), offset: 0).date.adding(days: 5).description
            let promise = try await browser.post("/work/cases/KW1/promises", ["amount": "800.00", "currency": "CNY", "due_on": due])
            XCTAssertEqual(promise.status, .seeOther)
            let after = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(after.contains("right-party contact") && after.contains("salary on Friday"), "the attempt is in the contact history")
            XCTAssertTrue(after.contains("800.00 CNY"), "the promise is on the case page")

            let tooMuchLater = try await browser.post("/work/cases/KW1/promises", ["amount": "1", "currency": "CNY", "due_on": due])
            XCTAssertEqual(tooMuchLater.status, .conflict, "one pending promise per case")
            let next = try await browser.get("/work/cases/KW1/next")
            XCTAssertEqual(next.headers.first(name: .location), "/work/cases/KW3")
        }
    }

    func testCollectorsSeeOnlyTheirOwnCasesAndSupervisorsAll() async throws {
        try await each { fixture, database in
            let browser = try await signedInCollector(fixture)
            let others = try await browser.get("/work/cases/KW2")
            XCTAssertEqual(others.status, .notFound, database)
            _ = try await browser.get("/work")
            let forged = try await browser.post("/work/cases/KW2/attempts", ["channel": "call", "outcome": "no_answer"])
            XCTAssertEqual(forged.status, .notFound)
            let noToken = try await browser.post("/work/cases/KW1/attempts", ["channel": "call", "outcome": "no_answer"], csrf: false)
            XCTAssertEqual(noToken.status, .forbidden, "forms need the CSRF token")
            let supervisor = try await fixture.signedIn(.supervisor)
            let seen = try await supervisor.get("/work/cases/KW2")
            XCTAssertEqual(seen.status, .ok)
            let strategy = try await fixture.signedIn(.strategyManager)
            let refused = try await strategy.get("/work")
            XCTAssertEqual(refused.status, .forbidden)
        }
    }

    func testNamesAndNotesAreShownAsTextNeverAsMarkup() async throws {
        try await each { fixture, database in
            let name = "<img src=x onerror=alert(1)> Li & \"Wang's\""
            try await fixture.store.sql.raw("""
                UPDATE customers SET name = \(bind: name) WHERE id = (SELECT customer_id FROM cases WHERE id = 'KW1')
                """).run()
            let browser = try await signedInCollector(fixture)
            _ = try await browser.get("/work/cases/KW1")
            let note = "<script>alert('note')</script>"
            let attempt = try await browser.post("/work/cases/KW1/attempts", ["channel": "call", "outcome": "no_answer", "note": note])
            XCTAssertEqual(attempt.status, .seeOther, database)
            let escapedName = "&lt;img src=x onerror=alert(1)&gt; Li &amp; &quot;Wang&#39;s&quot;"
            for path in ["/work?lang=en", "/work/cases/KW1?lang=en"] {
                let page = try await browser.get(path).body.string
                XCTAssertTrue(page.contains(escapedName), "\(database) \(path): the name is shown as text")
                XCTAssertFalse(page.contains("<img src=x"), "\(database) \(path): the name is not markup")
            }
            let casePage = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertTrue(casePage.contains("&lt;script&gt;alert(&#39;note&#39;)&lt;/script&gt;"), "\(database): the note is shown as text")
            XCTAssertFalse(casePage.contains("<script>"), database)
        }
    }
}
