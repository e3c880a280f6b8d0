import Foundation
import XCTest

/// Issue 25's collector at work for a day, in a real headless Chromium against `arrears demo`,
/// on a desktop (1366x900, English) and a phone (390x844, Chinese), from the sign-in page by
/// links and forms alone: a customer who is not the collector's calls in; the collector finds
/// them with the search form, gives the reason to open their case, reveals the mobile with a
/// reason and sees the number to dial, logs the call, takes a promise, and proposes a plan for
/// the account chosen in the picker after reading its quote.
final class CollectorDayBrowserTests: RoleDayBrowserTestCase {
    func testACollectorHandlesAnInboundCallerFromSearchToAProposedPlan() async throws {
        try await withDemo { base, browser in
            // The callers: customers with an open case, by name, as a caller gives it.
            let callers = try await demoRows("""
                SELECT c.name FROM cases k JOIN customers c ON c.id = k.customer_id
                WHERE k.status = 'open' ORDER BY k.customer_id DESC LIMIT 60
                """, column: "name")
            var used: Set<String> = []
            for (width, height, language) in Self.sizes {
                let size = "\(width)x\(height)", zh = language != "en"
                try await browser.setWindowSize(width: width, height: height)
                let home = try await signIn("collector", language: language, base: base, browser)
                XCTAssertTrue(home.contains("/work"), "the collector lands on the queue at \(size): \(home)")

                // Search: the caller is not in the collector's queue, so opening asks for a reason.
                var opened = ""
                for name in callers where !used.contains(name) {
                    used.insert(name)
                    _ = try await followMenu("/search", browser)
                    try await fill("#search input[name=query]", name, browser)
                    _ = try await go("#search button[type=submit]", browser)
                    let offered = try await browser.evaluate("return !!document.querySelector('#results form.access');") as? Bool
                    guard offered == true else { continue }
                    try await assertReadable("the search's results at \(size)", language: language, browser)
                    try await snap("collector-\(size)-1-search", browser)
                    let asked = try await text("#results form.access", browser)
                    XCTAssertTrue(asked.lowercased().contains(zh ? "不在" : "not in your queue"), "the page says the customer is not the collector's at \(size): \(asked)")
                    try await fill("#results form.access input[name=reason]", zh ? "客户本人来电询问本月还款事宜" : "the customer called in about a payment", browser)
                    opened = try await go("#results form.access button[type=submit]", browser) { $0.contains("/work/cases/") }
                    break
                }
                XCTAssertTrue(opened.contains("/work/cases/"), "an inbound caller's case opens with a reason at \(size): \(opened)")
                let caseURL = opened.split(separator: "?").first.map(String.init) ?? opened
                try await assertReadable("the caller's case at \(size)", language: language, browser)

                // Reveal the mobile with a reason: the number once, and a link to dial it.
                _ = try await browser.evaluate("document.querySelector('#mobile details.reveal').open = true; return 1;")
                try await fill("#reveal-form input[name=reason]", zh ? "客户来电，要求我们稍后回拨电话" : "the customer called and asked to be called back", browser)
                _ = try await go("#reveal-form button[type=submit]", browser) { $0.contains("/reveal") }
                let revealError = try await text("#form-error", browser)
                if !revealError.isEmpty {
                    // Barred now (the customer's hours, a cap): the caller is on the line, so the override with its reason.
                    _ = try await browser.evaluate("document.querySelector('#mobile details.reveal').open = true; return 1;")
                    try await fill("#reveal-form input[name=reason]", zh ? "客户来电，要求我们稍后回拨电话" : "the customer called and asked to be called back", browser)
                    try await fill("#reveal-form input[name=override_reason]", zh ? "客户本人来电" : "the customer is on the line", browser)
                    _ = try await go("#reveal-form button[type=submit]", browser) { $0.contains("/reveal") }
                }
                let dial = try await browser.evaluate("const a = document.getElementById('dial'); return a ? a.getAttribute('href') : '';") as? String ?? ""
                XCTAssertTrue(dial.hasPrefix("tel:") && dial.count > 8 && !dial.contains("*"), "\(size): a number to dial, \(dial) \(revealError)")
                try await assertReadable("the revealed mobile at \(size)", language: language, browser)
                try await snap("collector-\(size)-2-revealed", browser)

                // Log the call: the timeline lists it first, in words.
                let note = "called back \(size)"
                try await choose("#attempt-form select[name=channel]", "call", browser)
                try await choose("#attempt-form select[name=outcome]", "right_party_contact", browser)
                try await fill("#attempt-form input[name=note]", note, browser)
                _ = try await go("#attempt-form button[type=submit]", browser) { $0.contains("logged=") }
                try await assertEmpty("#form-error", "the call is logged at \(size)", browser)
                let timeline = try await text("#attempts", browser)
                XCTAssertTrue(timeline.contains(note), "the call is on the timeline at \(size): \(timeline.prefix(400))")
                XCTAssertTrue(timeline.contains(zh ? "本人接通" : "Right-party contact") || timeline.contains(zh ? "本人" : "ight-party"),
                              "its outcome in words at \(size): \(timeline.prefix(400))")
                try await assertReadable("the case after the call at \(size)", language: language, browser)
                try await snap("collector-\(size)-3-logged", browser)

                // Take a promise: the header shows it.
                _ = try await browser.evaluate("document.getElementById('take-promise').open = true; return 1;")
                try await fill("#promise-form input[name=amount]", "123.45", browser)
                try await choose("#promise-form input[name=due_on]", day(in: 5), browser)
                _ = try await go("#promise-form button[type=submit]", browser)
                try await assertEmpty("#form-error", "the promise is taken at \(size)", browser)
                let promise = try await text("#header-promise", browser)
                XCTAssertTrue(promise.contains("123.45"), "the header shows the promise at \(size): \(promise)")
                try await assertReadable("the case after the promise at \(size)", language: language, browser)
                try await snap("collector-\(size)-4-promise", browser)

                // Propose a plan: the account from the picker, the quote adding up, then proposed.
                _ = try await browser.evaluate("document.getElementById('arrangement').open = true; return 1;")
                // The last of the overdue accounts, which the picker marks with their DPD.
                let accounts = try await browser.evaluate("""
                    return [...document.querySelectorAll('#plan-form select[name=account_id] option')].filter(o => { const p = o.textContent.split(' · '); return p.length === 4 && parseInt(p[2].replace(/\\D/g, ''), 10) > 0; }).map(o => o.value);
                    """) as? [String] ?? []
                let account = try XCTUnwrap(accounts.last, "the picker lists the case's overdue accounts at \(size)")
                try await choose("#plan-form select[name=account_id]", account, browser)
                try await fill("#plan-form input[name=count]", "3", browser)
                try await choose("#plan-form input[name=first_date]", day(in: 10), browser)
                _ = try await go("#plan-form button[type=submit]", browser) { $0.contains("/arrangements/quote") }
                try await assertEmpty("#arrangement-error", "the plan is quoted at \(size)", browser)
                let quoted = try await text("#quote-amount", browser), sum = try await text("#quote-sum", browser)
                XCTAssertFalse(quoted.isEmpty, "a quote at \(size)")
                XCTAssertEqual(quoted, sum, "the instalments add up to the amount at \(size)")
                let quotedAccount = try await browser.evaluate("return document.querySelector('#quote-form input[name=account_id]').value;") as? String
                XCTAssertEqual(quotedAccount, account, "the quote is for the account chosen at \(size)")
                try await assertReadable("the quote at \(size)", language: language, browser)
                let inView = try await browser.evaluate("const r = document.getElementById('quote').getBoundingClientRect(); return r.top >= 0 && r.top < window.innerHeight;") as? Bool
                XCTAssertEqual(inView, true, "the quote is on screen after asking for it at \(size)")
                try await snap("collector-\(size)-5-quote", browser)
                _ = try await go("#quote-form button[type=submit]", browser) { $0.contains("#arrangement") || !$0.contains("/quote") }
                try await assertEmpty("#arrangement-error", "the plan is proposed at \(size)", browser)
                let plan = try await text("#header-plan", browser)
                XCTAssertTrue(plan.contains(account), "the header shows the plan for the account at \(size): \(plan)")
                _ = try await browser.evaluate("document.getElementById('arrangement').open = true; return 1;")
                let arrangements = try await text("#arrangements", browser)
                XCTAssertTrue(arrangements.contains(account) && arrangements.contains(quoted.split(separator: " ").first.map(String.init) ?? quoted),
                              "the plan is listed for the account at \(size): \(arrangements)")
                try await assertReadable("the case with the plan at \(size)", language: language, browser)
                _ = try await browser.evaluate("document.getElementById('arrangements').scrollIntoView({block: 'center'}); return 1;")
                try await snap("collector-\(size)-6-plan", browser)
                let still = try await browser.currentURL()
                XCTAssertTrue(still.hasPrefix(caseURL), "still on the caller's case at \(size): \(still)")
                try await signOut(browser)
            }
        }
    }
}
