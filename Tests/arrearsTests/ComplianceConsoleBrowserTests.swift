import ArrearsCore
import ArrearsStore
import AsyncHTTPClient
import Foundation
import SQLKit
import XCTest

/// Issue 25's compliance scenario in a real headless Chromium against `arrears demo`, on a
/// desktop (1366x900, English) and a phone (390x844, Chinese): the compliance officer starts on
/// the sign-in page, lands on the console, finds the day's breach, follows the menu to the flags
/// and ends a flag with its evidence, by links and forms alone. The breach and the flag are
/// recorded beforehand with the command line, as a collector's night call and a dispute heard
/// on a call would be. Screenshots of each step go to the run's folder (`RoleDayBrowserTestCase`).
final class ComplianceConsoleBrowserTests: RoleDayBrowserTestCase {

    /// A customer of the demo with an open case, in Shanghai.
    private func customerWithAnOpenCase() async throws -> String {
        let store = try await Store.open(.sqlite(path: cli.directory.appendingPathComponent("cli.sqlite").path))
        let row = try await store.sql.raw("""
            SELECT k.customer_id FROM cases k JOIN customers c ON c.id = k.customer_id
            WHERE k.status = 'open' AND c.time_zone = 'Asia/Shanghai' ORDER BY k.customer_id LIMIT 1
            """).first()
        let id = try row?.decode(column: "customer_id", as: String.self)
        await store.shutdown()
        return try XCTUnwrap(id, "the demo has an open case")
    }

    func testComplianceFindsTheDaysBreachAndEndsAFlagByLinksAloneOnADesktopAndAPhone() async throws {
        let base = try await startDemo()
        let customer = try await customerWithAnOpenCase()
        // A call at 00:30 today in Shanghai: within the quiet hours of the cn pack, so a breach.
        let shanghai = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let today = LocalMoment(Date(), in: shanghai).date
        let call = try cli.run(["contact", "log", "--customer", customer, "--channel", "call", "--at", "\(today)T00:30:00+08:00",
                                "--outcome", "no_answer", "--id", "ATT-console-night"] + cli.databaseOption)
        XCTAssertEqual(call.status, 3, "the night call is recorded as a breach: \(call.stderr)")
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do {
            for (width, height, language) in Self.sizes {
                let size = "\(width)x\(height)"
                let evidence = "letter withdrawing the dispute (\(size))"
                let flag = try cli.run(["flag", "add", "--customer", customer, "--flag", "dispute", "--note", "dispute heard on a call \(size)"] + cli.databaseOption)
                XCTAssertEqual(flag.status, 0, flag.stderr)
                let flagId = flag.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
                try await browser.setWindowSize(width: width, height: height)

                try await browser.open(try XCTUnwrap(URL(string: "/login?lang=\(language)", relativeTo: base)))
                try await browser.type("compliance", into: try await browser.element("#username"))
                try await browser.type(Self.password, into: try await browser.element("#password"))
                try await browser.click(try await browser.element("#sign-in button[type=submit]"))
                let console = try await browser.waitForURL { !$0.contains("/login") }
                XCTAssertTrue(console.contains("/compliance"), "the officer lands on the console at \(size): \(console)")
                let breach = try await browser.evaluate("""
                    const rows = [...document.querySelectorAll('#breaches tr.breach')].filter(r => r.textContent.includes('\(customer)'));
                    if (rows.length === 0) return '';
                    rows[0].scrollIntoView({block: 'center'});
                    return rows[0].textContent;
                    """) as? String ?? ""
                XCTAssertTrue(breach.contains("cli:"), "the night call's breach, with who, at \(size): \(breach)")
                XCTAssertTrue(breach.contains("00:30"), "when, on the customer's clock, at \(size): \(breach)")
                XCTAssertFalse(breach.contains("cn.quiet-hours"), "the rule in words, not its id, at \(size): \(breach)")
                try await assertReadable("the console at \(size)", language: language, browser)
                try await snap("compliance-\(size)-breach", browser)

                try await browser.click(try await browser.element("#menu a[href^=\"/compliance/flags?\"]"))
                _ = try await browser.waitForURL { $0.contains("/compliance/flags") }
                _ = try await browser.evaluate("document.getElementById('flag-\(flagId)').scrollIntoView({block: 'center'}); return 1;")
                try await browser.type(evidence, into: try await browser.element("#flag-\(flagId) input[name=evidence]"))
                try await snap("compliance-\(size)-flag", browser)
                try await browser.click(try await browser.element("#flag-\(flagId) button[type=submit]"))
                let ended = try await browser.waitForURL { $0.contains("done=cp_flag_ended") }
                XCTAssertTrue(ended.contains("lang=\(language)"), "the page keeps its language at \(size): \(ended)")
                let remaining = try await browser.evaluate("return document.getElementById('flag-\(flagId)') === null;") as? Bool
                XCTAssertEqual(remaining, true, "the ended flag is no longer in force at \(size)")
                let notice = try await browser.evaluate("const e = document.getElementById('done'); return e ? e.textContent : '';") as? String ?? ""
                XCTAssertEqual(notice, language == "en" ? "The flag was ended: it no longer holds from today." : "已结束标记，自今日起不再生效。", size)
                try await assertReadable("the flags after ending one at \(size)", language: language, browser)
                try await snap("compliance-\(size)-flag-ended", browser)
                try await signOut(browser)
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
        let listed = try cli.run(["flag", "list", "--customer", customer] + cli.databaseOption)
        let disputes = listed.stdout.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false) }.filter { $0.count > 5 && $0[1] == "dispute" }
        XCTAssertEqual(disputes.count, 2, listed.stdout)
        XCTAssertTrue(disputes.allSatisfy { !$0[5].isEmpty }, "both flags have a last day now: \(listed.stdout)")
    }
}
