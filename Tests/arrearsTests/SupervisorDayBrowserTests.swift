import Foundation
import XCTest

/// Issue 25's supervisor at work for a day, in a real headless Chromium against `arrears demo`,
/// on a desktop (1366x900, English) and a phone (390x844, Chinese), from the sign-in page by
/// links and forms alone: approves a plan and rejects another with a reason, moves an open task
/// to another agent of its channel, reviews a contact's quality, and dispatches a visit from the
/// queue of visit tasks by choosing the team from the list. The plans to decide are proposed
/// first by the collector, beyond a collector's limit of 6 instalments, on the same pages.
final class SupervisorDayBrowserTests: RoleDayBrowserTestCase {
    /// Signs in as the collector and proposes a plan of 12 instalments on `count` cases of the
    /// queue; returns their accounts.
    private func proposePlans(_ count: Int, base: URL, _ browser: WebDriver) async throws -> [String] {
        try await browser.setWindowSize(width: 1366, height: 900)
        _ = try await signIn("collector", language: "en", base: base, browser)
        _ = try await go("#queue a.case-link", browser) { $0.contains("/work/cases/") }
        var accounts: [String] = []
        for _ in 0..<30 where accounts.count < count {
            let open = try await browser.evaluate("""
                return !!document.getElementById('plan-form') && !/waiting for approval|active/.test(document.getElementById('arrangements')?.textContent ?? '');
                """) as? Bool
            if open == true {
                _ = try await browser.evaluate("document.getElementById('arrangement').open = true; return 1;")
                let account = try await browser.evaluate("return document.querySelector('#plan-form select[name=account_id]').value;") as? String ?? ""
                try await fill("#plan-form input[name=count]", "12", browser)
                try await choose("#plan-form input[name=first_date]", day(in: 10), browser)
                _ = try await go("#plan-form button[type=submit]", browser) { $0.contains("/quote") }
                if try await browser.evaluate("return !!document.getElementById('quote-form');") as? Bool == true {
                    _ = try await go("#quote-form button[type=submit]", browser) { !$0.contains("/quote") }
                    let arrangements = try await browser.evaluate("return document.getElementById('arrangements')?.textContent ?? '';") as? String ?? ""
                    if arrangements.contains("waiting for approval") { accounts.append(account) }
                }
            }
            _ = try await go("#next-case", browser) { $0.contains("/work/cases/") }
        }
        XCTAssertEqual(accounts.count, count, "the collector's queue has cases that take a plan")
        try await signOut(browser)
        return accounts
    }

    /// The id of the approval row for `account` on the supervisor's page, "" when none.
    private func approvalRow(_ account: String, _ browser: WebDriver) async throws -> String {
        try await browser.evaluate("""
            return [...document.querySelectorAll('#approvals tbody tr')].find(r => r.cells[0].querySelector('small')?.textContent.trim() === '\(account)')?.id ?? '';
            """) as? String ?? ""
    }

    func testASupervisorApprovesRejectsReassignsReviewsAndDispatchesByLinksAlone() async throws {
        try await withDemo { base, browser in
            let plans = try await proposePlans(2 * Self.sizes.count, base: base, browser)
            guard plans.count == 2 * Self.sizes.count else { return }
            for (index, (width, height, language)) in Self.sizes.enumerated() {
                let size = "\(width)x\(height)", zh = language != "en"
                try await browser.setWindowSize(width: width, height: height)
                let home = try await signIn("supervisor", language: language, base: base, browser)
                XCTAssertTrue(home.contains("/supervisor"), "the supervisor lands on the team page at \(size): \(home)")
                try await assertReadable("the team page at \(size)", language: language, browser)

                // Approve one plan: its buttons on screen, then gone from the list.
                let approve = try await approvalRow(plans[2 * index], browser)
                XCTAssertTrue(approve.hasPrefix("approval-"), "the plan waits for approval at \(size)")
                _ = try await browser.evaluate("document.getElementById('\(approve)').scrollIntoView({block: 'center'}); return 1;")
                let buttons = try await browser.evaluate("""
                    const b = document.querySelector('#\(approve) form[action*="/approve"] button').getBoundingClientRect();
                    return b.left >= 0 && b.right <= window.innerWidth;
                    """) as? Bool
                XCTAssertEqual(buttons, true, "the approve button is on screen at \(size)")
                try await snap("supervisor-\(size)-1-approvals", browser)
                try await fill("#\(approve) form[action*='/approve'] input[name=note]", zh ? "收入已核实" : "income confirmed", browser)
                _ = try await go("#\(approve) form[action*='/approve'] button", browser)
                try await assertEmpty("#supervisor-error", "approved without refusal at \(size)", browser)
                let stillThere = try await approvalRow(plans[2 * index], browser)
                XCTAssertEqual(stillThere, "", "approved, it no longer waits at \(size)")
                let pageLanguage = try await browser.evaluate("return document.documentElement.lang;") as? String
                XCTAssertEqual(pageLanguage, language, "the page keeps its language at \(size)")

                // Reject another with a reason, confirmed.
                let reject = try await approvalRow(plans[2 * index + 1], browser)
                XCTAssertTrue(reject.hasPrefix("approval-"), "the other plan waits at \(size)")
                try await fill("#\(reject) form[action*='/reject'] input[name=note]", zh ? "客户收入无法支撑分期" : "income does not support 12 instalments", browser)
                _ = try await browser.evaluate("document.querySelector('#\(reject) form[action*=\"/reject\"] input[name=confirm]').checked = true; return 1;")
                _ = try await go("#\(reject) form[action*='/reject'] button", browser)
                try await assertEmpty("#supervisor-error", "rejected without refusal at \(size)", browser)
                let rejected = try await approvalRow(plans[2 * index + 1], browser)
                XCTAssertEqual(rejected, "", "rejected, it no longer waits at \(size)")
                try await assertReadable("the team page after the decisions at \(size)", language: language, browser)

                // Move an open task to another agent of its channel.
                let moved = try await browser.evaluate("""
                    const row = [...document.querySelectorAll('#open-task-list tbody tr')].find(r => r.querySelectorAll('select[name=agent_id] option').length > 1);
                    if (!row) return [];
                    const select = row.querySelector('select[name=agent_id]');
                    const other = [...select.options].find(o => !o.selected);
                    select.value = other.value;
                    row.querySelector('form').id = 'chosen-reassign';
                    return [row.querySelector('form').getAttribute('action'), other.value];
                    """) as? [String] ?? []
                XCTAssertEqual(moved.count, 2, "an open task can move to another agent at \(size)")
                if moved.count == 2 {
                    try await snap("supervisor-\(size)-2-reassign", browser)
                    _ = try await go("#chosen-reassign button", browser)
                    try await assertEmpty("#supervisor-error", "moved without refusal at \(size)", browser)
                    let now = try await browser.evaluate("""
                        const form = document.querySelector('#open-task-list form[action="\(moved[0])"]');
                        return form ? form.querySelector('select[name=agent_id]').value : '';
                        """) as? String ?? ""
                    XCTAssertEqual(now, moved[1], "the task is the other agent's now at \(size)")
                }

                // Review a contact's quality: the review is recorded, its form gone.
                let review = try await browser.evaluate("return document.querySelector('form.quality-review')?.id ?? '';") as? String ?? ""
                XCTAssertTrue(review.hasPrefix("review-"), "a contact to review at \(size)")
                if review.hasPrefix("review-") {
                    _ = try await browser.evaluate("""
                        document.querySelectorAll('#\(review) input[type=checkbox]').forEach(c => c.checked = true); return 1;
                        """)
                    try await fill("#\(review) input[name=note]", zh ? "核实身份，语气礼貌" : "identity checked, polite", browser)
                    try await snap("supervisor-\(size)-3-review", browser)
                    _ = try await go("#\(review) button[type=submit]", browser)
                    try await assertEmpty("#supervisor-error", "reviewed without refusal at \(size)", browser)
                    let reviewed = try await browser.evaluate("return !!document.getElementById('\(review)');") as? Bool
                    XCTAssertEqual(reviewed, false, "the reviewed contact leaves the list at \(size)")
                    let quality = try await browser.evaluate("return [...document.querySelectorAll('#appraisal td.quality')].map(c => c.textContent).join(' ');") as? String ?? ""
                    XCTAssertTrue(quality.contains("100"), "the appraisal counts the review at \(size): \(quality)")
                }

                // Dispatch a visit from the queue of visit tasks: the team chosen from the list.
                _ = try await followMenu("/visits", browser)
                try await assertReadable("the visits page at \(size)", language: language, browser)
                let format = DateFormatter()
                format.locale = Locale(identifier: "en_US_POSIX")
                format.timeZone = TimeZone(identifier: "UTC")
                format.dateFormat = "yyyy-MM-dd'T'HH:mm"
                let start = Date().addingTimeInterval(2 * 86_400)
                let chosen = try await browser.evaluate("""
                    const line = [...document.querySelectorAll('#dispatch-queue li.dispatch')].find(li => li.querySelectorAll('select[name=agent_id] option').length > 1);
                    if (!line) return [];
                    const select = line.querySelector('select[name=agent_id]');
                    select.value = select.options[1].value;
                    line.querySelector('form').id = 'chosen-dispatch';
                    return [line.dataset.case, select.value];
                    """) as? [String] ?? []
                XCTAssertEqual(chosen.count, 2, "the queue has a visit task with a team to send at \(size)")
                guard chosen.count == 2 else { return }
                try await choose("#chosen-dispatch input[name=starts_at]", format.string(from: start), browser)
                try await choose("#chosen-dispatch input[name=ends_at]", format.string(from: start.addingTimeInterval(7_200)), browser)
                try await snap("supervisor-\(size)-4-dispatch", browser)
                let dispatched = try await go("#chosen-dispatch button[type=submit]", browser) { $0.contains("#visit-") }
                try await assertEmpty("#visits-error", "dispatched without refusal at \(size)", browser)
                let visit = dispatched.components(separatedBy: "#").last ?? ""
                let card = try await text("#\(visit)", browser)
                XCTAssertTrue(card.contains(chosen[0]) && card.contains(chosen[1]), "the visit is on its day's list with its team at \(size): \(card)")
                XCTAssertTrue(dispatched.contains("lang=\(language)"), "the page keeps its language at \(size): \(dispatched)")
                try await assertReadable("the day of the dispatched visit at \(size)", language: language, browser)
                try await snap("supervisor-\(size)-5-dispatched", browser)
                try await signOut(browser)
            }
        }
    }
}
