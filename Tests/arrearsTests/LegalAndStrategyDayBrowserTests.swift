import Foundation
import XCTest

/// Issue 25's legal officer and strategy manager at work for a day, in a real headless Chromium
/// against `arrears demo`, on a desktop (1366x900, English) and a phone (390x844, Chinese), from
/// the sign-in page by links and forms alone. Legal takes a case from the worklist's legal-review
/// tasks into a legal case and prints its demand letter; the strategy manager compares the
/// champion/challenger cells on `/runs` and on `/analytics` for the same period.
final class LegalAndStrategyDayBrowserTests: RoleDayBrowserTestCase {
    func testLegalOpensACaseFromTheWorklistAndPrintsADemandLetter() async throws {
        try await withDemo { base, browser in
            var referrals = try await demoRows("""
                SELECT a.case_id FROM actions a JOIN cases c ON c.id = a.case_id
                WHERE a.channel = 'legal_review' AND c.status = 'open' GROUP BY a.case_id ORDER BY MAX(a.business_date), a.case_id
                """, column: "case_id")
            for (width, height, language) in Self.sizes {
                let size = "\(width)x\(height)", zh = language != "en"
                try await browser.setWindowSize(width: width, height: height)
                let home = try await signIn("legal", language: language, base: base, browser)
                XCTAssertTrue(home.contains("/legal"), "legal lands on the worklist at \(size): \(home)")
                try await assertReadable("the worklist at \(size)", language: language, browser)
                try await snap("legal-\(size)-1-worklist", browser)

                // Take the first legal-review task without a legal case into legal; on a day when the
                // run made none, the case the collections team referred (the latest review task's),
                // typed into the worklist's form; then open the legal case from the worklist.
                var task = try await browser.evaluate("""
                    const row = [...document.querySelectorAll('#legal-reviews tbody tr')].find(r => r.querySelector('form'));
                    if (!row) return '';
                    row.querySelector('form').id = 'chosen-take';
                    return row.dataset.case;
                    """) as? String ?? ""
                if !task.isEmpty {
                    _ = try await go("#chosen-take button", browser) { $0.contains("/legal/") }
                } else {
                    task = try XCTUnwrap(referrals.popLast(), "a case referred to legal at \(size)")
                    try await fill("#open-form input[name=case_id]", task, browser)
                    try await fill("#open-form input[name=reason]", zh ? "催收部门转交法务" : "referred by collections", browser)
                    _ = try await go("#open-form button[type=submit]", browser) { $0.contains("/legal/") }
                }
                try await assertEmpty("#legal-error", "the case is taken into legal at \(size)", browser)
                _ = try await go("a[href^='/legal?']:not(#menu a)", browser) { URL(string: $0)?.path == "/legal" }
                let legalCase = try await browser.evaluate("""
                    const row = [...document.querySelectorAll('#legal-cases tbody tr')].find(r => r.textContent.includes('\(task)'));
                    if (!row) return '';
                    row.querySelector('a').id = 'chosen-case';
                    return row.dataset.legalCase;
                    """) as? String ?? ""
                XCTAssertFalse(legalCase.isEmpty, "the worklist lists the legal case at \(size)")
                try await assertReadable("the worklist with the legal case at \(size)", language: language, browser)
                let opened = try await go("#chosen-case", browser) { $0.contains("/legal/") }
                XCTAssertTrue(opened.contains("lang=\(language)"), "the page keeps its language at \(size): \(opened)")
                let customer = String(try await text("h1", browser).split(separator: "·").first ?? "").trimmingCharacters(in: .whitespaces)
                let summary = try await text("#legal-summary", browser)
                XCTAssertTrue(summary.contains(task), "the legal case is the task's case at \(size): \(summary)")
                try await assertReadable("the legal case at \(size)", language: language, browser)
                try await snap("legal-\(size)-2-case", browser)

                // The demand letter: made from the form, then its print view.
                let letter = try await go("#letter-form button[type=submit]", browser) { $0.contains("/letters/") }
                try await assertEmpty("#legal-error", "the letter is made at \(size)", browser)
                XCTAssertTrue(letter.contains("/letters/"), "the letter's print view at \(size): \(letter)")
                let body = try await text("#letter", browser)
                XCTAssertTrue(body.contains(customer), "the letter is addressed to the customer at \(size): \(body.prefix(300))")
                let code = body.range(of: #"\b[a-z]+(_[a-z]+)+\b"#, options: .regularExpression).map { String(body[$0]) }
                XCTAssertNil(code, "the letter says what each account is in words, not its code, at \(size)")
                let menu = try await browser.evaluate("return !!document.getElementById('menu');") as? Bool
                XCTAssertEqual(menu, false, "the letter prints alone, without the menu, at \(size)")
                try await snap("legal-\(size)-3-letter", browser)
                let pdf = try await browser.printPDF()
                XCTAssertTrue(pdf.starts(with: Data("%PDF".utf8)), "the letter prints at \(size)")
                try pdf.write(to: Self.screenshots.appendingPathComponent("legal-\(size)-4-letter.pdf"))
                // Back to the legal case, where the letter is listed among its documents.
                try await browser.back()
                _ = try await browser.waitForURL { !$0.contains("/letters/") }
                let documents = try await text("#documents", browser)
                XCTAssertFalse(documents.isEmpty, "the letter is among the case's documents at \(size)")
                try await signOut(browser)
            }
        }
    }

    func testTheStrategyManagerComparesTheCellsOnRunsAndOnAnalyticsForTheSamePeriod() async throws {
        try await withDemo { base, browser in
            for (width, height, language) in Self.sizes {
                let size = "\(width)x\(height)"
                try await browser.setWindowSize(width: width, height: height)
                let home = try await signIn("strategy", language: language, base: base, browser)
                XCTAssertTrue(home.contains("/analytics"), "the strategy manager lands on the analytics at \(size): \(home)")
                let period = try await text("#definitions", browser)
                XCTAssertFalse(period.isEmpty, "the page states its period and definitions at \(size)")
                try await assertReadable("the analytics at \(size)", language: language, browser)
                try await snap("strategy-\(size)-1-analytics", browser)

                _ = try await followMenu("/runs", browser)
                try await assertReadable("the runs at \(size)", language: language, browser)
                // Each cell's cases, and by currency when it has more than one.
                let cellsOnRuns = try await browser.evaluate("""
                    return Object.fromEntries([...document.querySelectorAll('#cells tbody tr')].map(r => [r.dataset.cell,
                      Object.fromEntries([['all', r.cells[1].firstChild.textContent.trim()], ...[...r.cells[1].querySelectorAll('small[data-currency]')].map(s => [s.dataset.currency, s.textContent.replace(s.dataset.currency, '').trim()])])]));
                    """) as? [String: [String: String]] ?? [:]
                XCTAssertGreaterThanOrEqual(cellsOnRuns.count, 2, "the runs compare a champion and a challenger at \(size): \(cellsOnRuns)")
                _ = try await browser.evaluate("document.getElementById('cells')?.scrollIntoView(); return 1;")
                try await snap("strategy-\(size)-2-runs", browser)

                // The same cells on the analytics, for the same period, by the runs page's link.
                let analytics = try await go("#cell-definitions a", browser) { $0.contains("/analytics") }
                XCTAssertTrue(analytics.contains("by=cell"), size)
                let cellsOnAnalytics = try await browser.evaluate("""
                    return Object.fromEntries([...document.querySelectorAll('#cells tbody tr')].map(r => [r.dataset.cell, r.cells[1].textContent.trim()]));
                    """) as? [String: String] ?? [:]
                // The analytics compare the cells in one currency, which its table names.
                let heading = try await text("#cells-currency", browser)
                let currency = String(heading.split(separator: "(").last?.dropLast() ?? "")
                let runsInThatCurrency = cellsOnRuns.mapValues { $0[currency] ?? $0["all"] ?? "" }
                XCTAssertEqual(cellsOnAnalytics, runsInThatCurrency, "/runs and /analytics count the same \(currency) cases for the same period at \(size): \(cellsOnRuns)")
                let verdicts = try await browser.evaluate("return [...document.querySelectorAll('#cells td[data-verdict]')].map(c => c.textContent.trim());") as? [String] ?? []
                XCTAssertFalse(verdicts.isEmpty || verdicts.contains(""), "each cell has a verdict in words at \(size): \(verdicts)")
                try await assertReadable("the cells on the analytics at \(size)", language: language, browser)
                _ = try await browser.evaluate("document.getElementById('cells')?.scrollIntoView(); return 1;")
                try await snap("strategy-\(size)-3-cells", browser)
                try await signOut(browser)
            }
        }
    }
}
