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
        try await startDemo(customers: 500, days: 30, password: Self.password)
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
                    // The arrangement panel is folded; the account picker chose the oldest overdue account.
                    account = try await browser.evaluate("""
                        document.getElementById('arrangement').open = true;
                        return document.querySelector('#plan-form select[name=account_id]').value;
                        """) as? String ?? ""
                    try await browser.type("12", into: try await browser.element("#plan-form input[name=count]"))
                    _ = try await browser.evaluate("document.querySelector('#plan-form input[name=first_date]').value = '\(first)';")
                    // The quote first, then the terms as quoted.
                    try await browser.click(try await browser.element("#plan-form button[type=submit]"))
                    try await browser.click(try await browser.element("#quote-form button[type=submit]"))
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
                return Array.from(document.querySelectorAll('#approvals tbody tr')).find(r => r.cells[0].querySelector('small')?.textContent.trim() === '\(account)')?.id ?? '';
                """) as? String ?? ""
            XCTAssertTrue(row.hasPrefix("approval-"), "the plan waits on the supervisor's page")
            try await browser.type("income confirmed", into: try await browser.element("#\(row) form[action*='/approve'] input[name=note]"))
            try await browser.click(try await browser.element("#\(row) form[action*='/approve'] button"))
            try await Task.sleep(nanoseconds: 500_000_000)
            _ = try await browser.waitForURL { $0.contains("/supervisor") }
            let still = try await browser.evaluate("return !!document.getElementById('\(row)');") as? Bool
            XCTAssertEqual(still, false, "approved, it no longer waits")
            let refusal = try await text("#supervisor-error", browser)
            XCTAssertEqual(refusal, "", "no refusal")
        }
    }

    /// Signs in as the supervisor and dispatches a visit two days ahead from the queue of visit
    /// tasks on `/visits`, on the first case the field team covers, the team chosen from the list
    /// of those that cover the customer's region; stays signed in.
    private func dispatchVisit(base: URL, _ browser: WebDriver) async throws -> (caseId: String, day: String, visitId: String) {
        _ = try await open("/visits?lang=en", as: "supervisor", base: base, browser)
        // Two days ahead, whatever the customer's time zone: at least 24 hours' notice.
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd'T'HH:mm"
        let start = Date().addingTimeInterval(2 * 86_400)
        let caseId = try await browser.evaluate("""
            const line = [...document.querySelectorAll('#dispatch-queue li.dispatch')]
                .find(li => li.querySelector('select[name=agent_id] option[value="\(Self.fieldTeam)"]'));
            if (!line) return '';
            line.querySelector('select[name=agent_id]').value = '\(Self.fieldTeam)';
            line.querySelector('input[name=starts_at]').value = '\(format.string(from: start))';
            line.querySelector('input[name=ends_at]').value = '\(format.string(from: start.addingTimeInterval(7_200)))';
            line.querySelector('form').id = 'chosen-dispatch';
            return line.dataset.case;
            """) as? String ?? ""
        XCTAssertFalse(caseId.isEmpty, "the demo leaves visit tasks in the field team's region to dispatch")
        try await browser.click(try await browser.element("#chosen-dispatch button[type=submit]"))
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

    func testTheSupervisorDispatchesAVisitAndTheFieldTeamCannotReportItBeforeItsWindow() async throws {
        try await withBrowser { base, browser in
            let (caseId, day, visitId) = try await dispatchVisit(base: base, browser)
            try await signOut(browser)

            _ = try await open("/visits?date=\(day)&lang=en", as: "field", base: base, browser)
            let card = try await text("#visit-\(visitId)", browser)
            XCTAssertTrue(card.contains(caseId) && card.contains("dispatched") && card.contains("***"), "the team sees it, the address masked: \(card)")
            let form = "#visit-\(visitId) form.report-form"
            let ticked = try await browser.evaluate("""
                return ['identification_shown', 'two_collectors_present'].map(n => document.querySelector('\(form) input[name=' + n + ']').checked).join(',');
                """) as? String
            XCTAssertEqual(ticked, "false,false", "both ticks are the agent's to make")
            _ = try await browser.evaluate("""
                document.querySelector('\(form) select[name=met]').value = 'family';
                document.querySelector('\(form) input[name=identification_shown]').checked = true;
                document.querySelector('\(form) input[name=two_collectors_present]').checked = true;
                """)
            try await browser.type("left a card with the mother", into: try await browser.element("\(form) textarea[name=note]"))
            try await browser.click(try await browser.element("\(form) button[type=submit]"))
            var error = ""
            for _ in 0..<50 where error.isEmpty {
                try await Task.sleep(nanoseconds: 100_000_000)
                error = try await text("#visits-error", browser)
            }
            XCTAssertTrue(error.contains("it can be reported only from the start of its window"), "a visit two days ahead is not reported now: \(error)")
            let status = try await browser.evaluate("return document.getElementById('visit-\(visitId)')?.dataset.status ?? '';") as? String
            XCTAssertEqual(status, "dispatched", "nothing was reported")
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
