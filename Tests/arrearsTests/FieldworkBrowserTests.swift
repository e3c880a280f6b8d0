import AsyncHTTPClient
import Foundation
import XCTest

/// Issue 5's walk-throughs that take two people, in a real headless Chromium against `arrears
/// demo`: a collector proposes a plan beyond their limits and the supervisor approves it; the
/// supervisor dispatches a visit and the field team reports it. Each person signs out before the
/// next signs in, in the same browser.
final class FieldworkBrowserTests: ServedCommandTestCase {
    static let password = "demo password for tests"
    /// The demo's field user works as the first field team of `config/teams.yaml`.
    static let fieldTeam = "f-shanghai"

    /// Starts the demo on a free port and waits until /health answers.
    private func startDemo() async throws -> URL {
        let port = Int.random(in: 20_000..<40_000)
        server = try cli.start(["demo", "--customers", "500", "--days", "30", "--port", String(port), "--demo-password", Self.password] + cli.databaseOption)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        for _ in 0..<300 {
            if let answer = try? await HTTPClient.shared.execute(HTTPClientRequest(url: base.absoluteString + "/health"), timeout: .seconds(2)),
               answer.status == .ok { return base }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTFail("the demo server did not answer /health within 30 seconds")
        return base
    }

    /// Opens `path`, which sends the browser to sign in, signs in as `username` and waits to be back.
    private func open(_ path: String, as username: String, base: URL, _ browser: WebDriver) async throws -> String {
        try await browser.open(URL(string: path, relativeTo: base)!)
        _ = try await browser.waitForURL { $0.contains("/login") }
        try await browser.type(username, into: try await browser.element("#username"))
        try await browser.type(Self.password, into: try await browser.element("#password"))
        try await browser.click(try await browser.element("#sign-in button[type=submit]"))
        let page = path.split(separator: "?").first.map(String.init) ?? path
        return try await browser.waitForURL { $0.contains(page) && !$0.contains("/login") }
    }

    private func signOut(_ browser: WebDriver) async throws {
        try await browser.click(try await browser.element("form.sign-out button"))
        _ = try await browser.waitForURL { $0.hasSuffix("/login") }
    }

    private func text(_ selector: String, _ browser: WebDriver) async throws -> String {
        try await browser.evaluate("const e = document.querySelector('\(selector)'); return e ? e.textContent : '';") as? String ?? ""
    }

    /// Runs `body` with a browser, quitting it however `body` ends.
    private func withBrowser(_ body: (URL, WebDriver) async throws -> Void) async throws {
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do { try await body(base, browser) } catch { await browser.quit(); throw error }
        await browser.quit()
    }

    func testACollectorProposesAPlanBeyondTheirLimitAndTheSupervisorApprovesIt() async throws {
        try await withBrowser { base, browser in
            _ = try await open("/work?lang=en", as: "collector", base: base, browser)
            try await browser.click(try await browser.element("#queue a.case-link"))
            var casePage = try await browser.waitForURL { $0.contains("/work/cases/") }
            let first = ISO8601DateFormatter.string(from: Date().addingTimeInterval(10 * 86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            var account = ""
            // A case may have no overdue account to plan for, or an arrangement already: move on to one that takes a plan.
            for _ in 0..<10 {
                let open = try await browser.evaluate("""
                    return !!document.getElementById('plan-form') && !/waiting for approval|active/.test(document.getElementById('arrangements')?.textContent ?? '');
                    """) as? Bool
                if open == true {
                    account = try await browser.evaluate("""
                        return (Array.from(document.querySelectorAll('p')).find(p => p.textContent.startsWith('For account'))?.textContent ?? '').replace('For account', '').trim();
                        """) as? String ?? ""
                    try await browser.type("12", into: try await browser.element("#plan-form input[name=count]"))
                    _ = try await browser.evaluate("document.querySelector('#plan-form input[name=first_date]').value = '\(first)';")
                    try await browser.click(try await browser.element("#plan-form button[type=submit]"))
                    _ = try await browser.waitForURL { $0.contains("#arrangement") }
                    break
                }
                try await browser.click(try await browser.element("#next-case"))
                casePage = try await browser.waitForURL { $0 != casePage && $0.contains("/work/cases/") }
            }
            XCTAssertFalse(account.isEmpty, "a case in the collector's queue takes a plan")
            let arrangements = try await text("#arrangements", browser)
            XCTAssertTrue(arrangements.contains("waiting for approval") && arrangements.contains("needs supervisor"),
                          "12 instalments are beyond a collector's 6: \(arrangements)")
            try await signOut(browser)

            _ = try await open("/supervisor?lang=en", as: "supervisor", base: base, browser)
            let row = try await browser.evaluate("""
                return Array.from(document.querySelectorAll('#approvals tbody tr')).find(r => r.cells[1].textContent.trim() === '\(account)')?.id ?? '';
                """) as? String ?? ""
            XCTAssertTrue(row.hasPrefix("approval-"), "the plan waits on the supervisor's page")
            try await browser.type("income confirmed", into: try await browser.element("#\(row) form[action$='/approve'] input[name=note]"))
            try await browser.click(try await browser.element("#\(row) form[action$='/approve'] button"))
            try await Task.sleep(nanoseconds: 500_000_000)
            _ = try await browser.waitForURL { $0.contains("/supervisor") }
            let still = try await browser.evaluate("return !!document.getElementById('\(row)');") as? Bool
            XCTAssertEqual(still, false, "approved, it no longer waits")
            let refusal = try await text("#supervisor-error", browser)
            XCTAssertEqual(refusal, "", "no refusal")
        }
    }

    /// Signs in as the supervisor, makes a case the field team's (the demo's daily run may have
    /// left it none) and dispatches a visit on it two days ahead from `/visits`; stays signed in.
    private func dispatchVisit(base: URL, _ browser: WebDriver) async throws -> (caseId: String, day: String, visitId: String) {
        _ = try await open("/supervisor?lang=en", as: "supervisor", base: base, browser)
        let task = try await browser.evaluate("""
            const row = document.querySelector('#open-tasks tbody tr');
            if (!row) return '';
            row.querySelector('select[name=agent_id]').value = '\(Self.fieldTeam)';
            row.querySelector('form').id = 'move-to-field';
            return row.cells[0].textContent.trim();
            """) as? String ?? ""
        let caseId = try XCTUnwrap(task.isEmpty ? nil : task, "the demo leaves open tasks to move")
        try await browser.click(try await browser.element("#move-to-field button"))
        try await Task.sleep(nanoseconds: 500_000_000)
        let moved = try await text("#open-tasks", browser)
        XCTAssertTrue(moved.contains(Self.fieldTeam), "the case is the field team's now")
        try await browser.open(URL(string: "/visits?lang=en", relativeTo: base)!)
        // Two days ahead, whatever the customer's time zone: at least 24 hours' notice.
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let start = Date().addingTimeInterval(2 * 86_400)
        try await browser.type(caseId, into: try await browser.element("#dispatch-form input[name=case_id]"))
        try await browser.type(Self.fieldTeam, into: try await browser.element("#dispatch-form input[name=agent_id]"))
        _ = try await browser.evaluate("""
            document.querySelector('#dispatch-form input[name=starts_at]').value = '\(format.string(from: start))';
            document.querySelector('#dispatch-form input[name=ends_at]').value = '\(format.string(from: start.addingTimeInterval(7_200)))';
            """)
        try await browser.click(try await browser.element("#dispatch-form button[type=submit]"))
        let dayURL = try await browser.waitForURL { $0.contains("/visits?date=") }
        let refusal = try await text("#visits-error", browser)
        XCTAssertEqual(refusal, "", "dispatched without refusal")
        let components = try XCTUnwrap(URLComponents(string: dayURL))
        let day = try XCTUnwrap(components.queryItems?.first { $0.name == "date" }?.value)
        let visitId = try XCTUnwrap(components.fragment?.replacingOccurrences(of: "visit-", with: ""), dayURL)
        let listed = try await text("#visit-\(visitId)", browser)
        XCTAssertTrue(listed.contains(Self.fieldTeam), "the visit is on the day's list: \(listed)")
        return (caseId, day, visitId)
    }

    /// The visit card's status once it reads `expected`, or what it reads after five seconds.
    private func visitStatus(_ visitId: String, becomes expected: String, _ browser: WebDriver) async throws -> String? {
        var status: String?
        for _ in 0..<50 where status != expected {
            try await Task.sleep(nanoseconds: 100_000_000)
            status = try await browser.evaluate("return document.getElementById('visit-\(visitId)')?.dataset.status ?? '';") as? String
        }
        return status
    }

    func testTheSupervisorDispatchesAVisitAndTheFieldTeamReportsIt() async throws {
        try await withBrowser { base, browser in
            let (caseId, day, visitId) = try await dispatchVisit(base: base, browser)
            try await signOut(browser)

            _ = try await open("/visits?date=\(day)&lang=en", as: "field", base: base, browser)
            let card = try await text("#visit-\(visitId)", browser)
            XCTAssertTrue(card.contains(caseId) && card.contains("dispatched") && card.contains("***"), "the team sees it, the address masked: \(card)")
            let form = "#visit-\(visitId) form.report-form"
            _ = try await browser.evaluate("document.querySelector('\(form) select[name=met]').value = 'family';")
            try await browser.type("the customer works in another city", into: try await browser.element("\(form) input[name=situation]"))
            try await browser.type("left a card with the mother", into: try await browser.element("\(form) textarea[name=note]"))
            try await browser.click(try await browser.element("\(form) button[type=submit]"))
            let status = try await visitStatus(visitId, becomes: "done", browser)
            let reported = try await text("#visit-\(visitId)", browser), error = try await text("#visits-error", browser)
            XCTAssertEqual(status, "done", "reported: \(error)")
            XCTAssertTrue(reported.contains("Follow-up task VISIT:\(visitId)"), "the follow-up task is created: \(reported)")

            try await browser.open(URL(string: "/work/cases/\(caseId)?lang=en", relativeTo: base)!)
            let attempts = try await text("#attempts", browser)
            XCTAssertTrue(attempts.contains("visit_met") && attempts.contains("left a card with the mother"), "the result is on the case: \(attempts)")
        }
    }

    func testTheSupervisorCancelsAVisitAndTheFieldTeamNoLongerSeesIt() async throws {
        try await withBrowser { base, browser in
            let (_, day, visitId) = try await dispatchVisit(base: base, browser)
            let form = "#visit-\(visitId) form.cancel-form"
            try await browser.type("the customer paid in full", into: try await browser.element("\(form) input[name=reason]"))
            try await browser.click(try await browser.element("\(form) button[type=submit]"))
            let status = try await visitStatus(visitId, becomes: "cancelled", browser)
            let card = try await text("#visit-\(visitId)", browser), error = try await text("#visits-error", browser)
            XCTAssertEqual(status, "cancelled", "cancelled: \(error)")
            XCTAssertTrue(card.contains("Reason for cancelling the customer paid in full"), "the reason is on the visit: \(card)")
            let stillCancellable = try await browser.evaluate("return !!document.querySelector('\(form)');") as? Bool
            XCTAssertEqual(stillCancellable, false, "a visit is cancelled once")
            try await signOut(browser)

            _ = try await open("/visits?date=\(day)&lang=en", as: "field", base: base, browser)
            let listed = try await browser.evaluate("return !!document.getElementById('visit-\(visitId)');") as? Bool
            XCTAssertEqual(listed, false, "the field team's day no longer has the visit")
        }
    }
}
