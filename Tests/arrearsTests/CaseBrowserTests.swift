import AsyncHTTPClient
import Foundation
import XCTest

/// Issue 25's case page in a real headless Chromium against `arrears demo`, on a desktop
/// (1366x900, English) and a phone (390x844, Chinese): a collector opens a case from the queue by
/// a link, finds the header with the accounts next, reveals the mobile with a reason and sees the
/// `tel:` link. Screenshots are written to `/tmp/arrears-case-page/` for a person to look at.
final class CaseBrowserTests: DemoBrowserTestCase {
    override class var screenshots: URL { URL(fileURLWithPath: "/tmp/arrears-case-page") }

    func testACollectorOpensACaseFromTheQueueRevealsTheMobileAndSeesTheLinkToDial() async throws {
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do {
            for (width, height, language) in [(1366, 900, "en"), (390, 844, "zh-CN")] {
                let size = "\(width)x\(height)"
                try await browser.setWindowSize(width: width, height: height)
                try await browser.open(try XCTUnwrap(URL(string: "/login?lang=\(language)", relativeTo: base)))
                try await browser.type("collector", into: try await browser.element("#username"))
                try await browser.type(Self.password, into: try await browser.element("#password"))
                try await browser.click(try await browser.element("#sign-in button[type=submit]"))
                _ = try await browser.waitForURL { $0.contains("/work") }
                try await browser.click(try await browser.element("#queue a.case-link"))
                var casePage = try await browser.waitForURL { $0.contains("/work/cases/") }
                let layout = try await browser.evaluate("""
                    const header = document.getElementById('case-header').getBoundingClientRect();
                    const accounts = document.getElementById('accounts-section').getBoundingClientRect();
                    const timeline = document.getElementById('timeline').getBoundingClientRect();
                    return [Math.round(document.documentElement.scrollHeight), Math.round(header.top), Math.round(accounts.top), Math.round(timeline.top)];
                    """) as? [Int] ?? []
                print("case page at \(size): height, header, accounts, timeline = \(layout)")
                XCTAssertEqual(layout.count, 4, size)
                if layout.count == 4 {
                    XCTAssertLessThan(layout[1], layout[2], "\(size): the header, then the accounts")
                    XCTAssertLessThan(layout[2], layout[3], "\(size): the accounts before the history")
                    // In the customer's quiet hours the header also says, per channel, which rule bars it and until when.
                    XCTAssertLessThan(layout[0], width > 1000 ? 2_400 : 4_000, "\(size): much shorter than the 3,200 px it was")
                }
                try await snap("collector-\(size)-case", browser)

                // A plan is quoted before it is proposed: the instalments add up to the amount.
                let first = ISO8601DateFormatter.string(from: Date().addingTimeInterval(10 * 86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
                _ = try await browser.evaluate("document.getElementById('arrangement').open = true;")
                try await browser.type("6", into: try await browser.element("#plan-form input[name=count]"))
                _ = try await browser.evaluate("document.querySelector('#plan-form input[name=first_date]').value = '\(first)';")
                try await browser.click(try await browser.element("#plan-form button[type=submit]"))
                _ = try await browser.waitForURL { $0.contains("/arrangements/quote") }
                let quote = try await browser.evaluate("""
                    const q = id => (document.getElementById(id) || {}).textContent || '';
                    return [q('quote-amount'), q('quote-sum'), q('arrangement-error')];
                    """) as? [String] ?? []
                if quote.count == 3, quote[2].isEmpty {
                    XCTAssertFalse(quote[0].isEmpty, "\(size): a quote")
                    XCTAssertEqual(quote[0], quote[1], "\(size): the instalments add up to the amount")
                }
                _ = try await browser.evaluate("document.getElementById('quote')?.scrollIntoView();")
                try await snap("collector-\(size)-quote", browser)
                try await browser.click(try await browser.element("#next-case"))
                casePage = try await browser.waitForURL { $0.contains("/work/cases/") && !$0.contains("/arrangements") }

                // A call may be barred now for this customer (their hours, a cap): the next case then.
                var dial = ""
                // In the customer's quiet hours (22:00 to 08:00 in Shanghai, 14:00 to 24:00 UTC) the pack
                // lets the call go ahead with a typed reason, as a collector would give it for a callback.
                for _ in 0..<8 {
                    for override in [nil, "the customer asked for a call at this hour"] as [String?] {
                        let canReveal = try await browser.evaluate("const d = document.querySelector('#mobile details.reveal'); if (d) { d.open = true; } return d ? 1 : 0;") as? Int ?? 0
                        guard canReveal == 1 else { break }
                        try await browser.type("the customer asked to be called back", into: try await browser.element("#reveal-form input[name=reason]"))
                        if let override {
                            try await browser.type(override, into: try await browser.element("#reveal-form input[name=override_reason]"))
                        }
                        try await browser.click(try await browser.element("#reveal-form button[type=submit]"))
                        _ = try await browser.waitForURL { $0.contains("/reveal") }
                        dial = try await browser.evaluate("const a = document.getElementById('dial'); return a ? a.getAttribute('href') : '';") as? String ?? ""
                        if dial.hasPrefix("tel:") { break }
                    }
                    if dial.hasPrefix("tel:") { break }
                    try await browser.click(try await browser.element("#next-case"))
                    casePage = try await browser.waitForURL { $0 != casePage && $0.contains("/work/cases/") && !$0.contains("/reveal") }
                }
                XCTAssertTrue(dial.hasPrefix("tel:") && dial.count > 8, "\(size): a number to dial, \(dial)")
                try await snap("collector-\(size)-revealed", browser)
                try await signOut(browser)
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
