import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// Issue 25's "forms that keep what was typed after an error and show the error beside the
/// field" (`PageForm`): a refused form on the case page comes back with what was typed in its
/// fields and the error beside the field it is about (`id="error-FORM-FIELD"`, the field
/// `aria-invalid`), in English and in Chinese, on SQLite and PostgreSQL. On `WorkbenchFixture`'s
/// book, the server's clock at 2026-11-24 10:00 in Shanghai.
final class FormRefusalTests: XCTestCase {
    private func each(_ body: (SecurityFixture, Browser, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            var context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: WorkbenchAPITests.policy)
            context.now = FakeClock(CustomerCasePageTests.morning).reading
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do {
                try await fixture.addUser("zhang", .collector, agentId: WorkbenchFixture.collector)
                let browser = Browser(app: fixture.app)
                _ = try await browser.signIn("zhang", SecurityFixture.password)
                _ = try await browser.get("/work/cases/KW1?lang=en")
                try await body(fixture, browser, database)
            } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }

    /// The `<p>` with the error of `field` in `form`, or nil.
    private func error(_ field: String, of form: String, in page: String) -> String? {
        guard let start = page.range(of: "id=\"error-\(form)-\(field)\"") else { return nil }
        let rest = page[start.upperBound...]
        guard let open = rest.firstIndex(of: ">"), let close = rest.range(of: "</p>") else { return nil }
        return String(rest[rest.index(after: open)..<close.lowerBound])
    }

    func testARefusedPromiseKeepsTheAmountAndDateAndSaysWhatIsWrongBesideTheAmount() async throws {
        try await each { _, browser, database in
            for (language, words) in [("en", "amount"), ("zh-CN", "此项无效")] {
                let page = try await browser.post("/work/cases/KW1/promises?lang=\(language)", ["amount": "12,50 yuan", "currency": "CNY", "due_on": "2026-11-30"])
                XCTAssertEqual(page.status, .unprocessableEntity, "\(database) \(language)")
                let html = page.body.string
                XCTAssertTrue(html.contains(#"name="amount" value="12,50 yuan""#), "\(database) \(language): the amount typed is in its field")
                XCTAssertTrue(html.contains(#"name="due_on" value="2026-11-30""#), "\(database) \(language): so is the date")
                let message = try XCTUnwrap(error("amount", of: "promise", in: html), "\(database) \(language): the error beside the amount")
                XCTAssertTrue(message.contains(words), "\(database) \(language): \(message)")
                XCTAssertTrue(html.contains(#"aria-invalid="true" aria-describedby="error-promise-amount""#), "\(database) \(language)")
                XCTAssertTrue(html.contains(#"<details id="take-promise" open>"#), "\(database) \(language): the form is open")
                XCTAssertTrue(html.contains(#"id="form-error""#) && html.contains(##"href="#error-promise-amount""##), "\(database) \(language): the summary leads to it")
                if language == "zh-CN" { XCTAssertFalse(message.contains("amount"), "\(database): no English on a Chinese page: \(message)") }
            }
        }
    }

    func testARefusedContactKeepsTheOutcomeNoteAndTimeAndSaysWhatIsWrongBesideTheTime() async throws {
        try await each { _, browser, database in
            for language in ["en", "zh-CN"] {
                let page = try await browser.post("/work/cases/KW1/attempts?lang=\(language)",
                                                  ["channel": "call", "outcome": "callback", "note": "回电：午饭后", "callback_at": "after lunch"])
                XCTAssertEqual(page.status, .unprocessableEntity, "\(database) \(language)")
                let html = page.body.string
                XCTAssertTrue(html.contains(#"<option value="callback" selected>"#), "\(database) \(language): the outcome chosen stays chosen")
                XCTAssertTrue(html.contains(#"name="note" value="回电：午饭后""#), "\(database) \(language): the note typed stays")
                XCTAssertTrue(html.contains(#"name="callback_at" value="after lunch""#), "\(database) \(language)")
                let message = try XCTUnwrap(error("callback_at", of: "attempt", in: html), "\(database) \(language): the error beside the time")
                XCTAssertTrue(language == "en" ? message.contains("YYYY-MM-DDTHH:MM") : message.contains("此项无效"), "\(database) \(language): \(message)")
            }
            let blank = try await browser.get("/work/cases/KW1?lang=en").body.string
            XCTAssertFalse(blank.contains("after lunch") || blank.contains("error-attempt"), "\(database): a page opened afresh is blank")
        }
    }

    func testARefusedPlanKeepsItsTermsAndTheAccountPickedAndSaysWhatIsWrongBesideTheCount() async throws {
        try await each { _, browser, database in
            for (language, words) in [("en", "whole number"), ("zh-CN", "此项无效")] {
                let page = try await browser.post("/work/cases/KW1/arrangements/quote?lang=\(language)",
                                                  ["kind": "instalment_plan", "account_id": "AW1", "count": "three", "first_date": "2026-12-01"])
                XCTAssertEqual(page.status, .unprocessableEntity, "\(database) \(language)")
                let html = page.body.string
                let plan = try XCTUnwrap(html.range(of: #"id="plan-form""#).map { String(html[$0.lowerBound...].prefix(3_000)) }, database)
                XCTAssertTrue(plan.contains(#"name="count" value="three""#) && plan.contains(#"name="first_date" value="2026-12-01""#), "\(database) \(language): \(plan)")
                XCTAssertTrue(plan.contains(#"<option value="AW1" selected>"#), "\(database) \(language): the account picked")
                let message = try XCTUnwrap(error("count", of: "arrangement-instalment-plan", in: html), "\(database) \(language): beside the count")
                XCTAssertTrue(message.contains(words), "\(database) \(language): \(message)")
                let deferral = try XCTUnwrap(html.range(of: #"id="deferral-form""#).map { String(html[$0.lowerBound...].prefix(1_500)) }, database)
                XCTAssertFalse(deferral.contains("field-error") || deferral.contains(#"value="2026-12-01""#), "\(database) \(language): the other forms are blank")
            }
        }
    }

    func testARefusedRevealKeepsTheReasonAndSaysWhatIsWrongBesideIt() async throws {
        try await each { _, browser, database in
            let page = try await browser.post("/work/cases/KW1/reveal?lang=zh-CN", ["reason": "回电"])
            XCTAssertEqual(page.status, .unprocessableEntity, database)
            let html = page.body.string
            XCTAssertTrue(html.contains(#"name="reason" value="回电""#), "\(database): the reason typed stays")
            XCTAssertNotNil(error("reason", of: "reveal", in: html), "\(database): the error beside the reason")
            XCTAssertTrue(html.contains(#"<details class="reveal" open>"#), "\(database): the reveal form is open")
        }
    }
}
