import AsyncHTTPClient
import Foundation
import XCTest

/// Issue 25's accessibility bar: axe-core (Deque's rules for WCAG 2.x, shipped in
/// `Tests/Fixtures/axe`) finds no serious or critical violation on any page a person reaches in
/// Arrears. Against `arrears demo` in a real headless Chromium, each demo role signs in from the
/// sign-in page and every page of its menu is checked, in English on a desktop (1366x900) and in
/// Chinese on a phone (390x844); so are the sign-in page and a case opened from the queue.
final class AccessibilityBrowserTests: DemoBrowserTestCase {
    static let roles = ["collector", "field", "supervisor", "legal", "compliance", "strategy", "admin"]
    static let sizes = [(width: 1366, height: 900, language: "en"), (width: 390, height: 844, language: "zh-CN")]
    static let axeSource = CommandRunner.packageRoot.appendingPathComponent("Tests/Fixtures/axe/axe.min.js")

    /// The links of the page's menu, as absolute URLs.
    private func menuLinks(_ browser: WebDriver) async throws -> [String] {
        try await browser.evaluate("return Array.from(document.querySelectorAll('#menu a')).map(a => a.href);") as? [String] ?? []
    }

    /// Runs axe-core on the page in the browser now and returns its serious and critical
    /// violations, one line each: rule, impact, what it asks, how many elements and the first few.
    private func violations(_ axe: String, _ browser: WebDriver) async throws -> [String] {
        _ = try await browser.evaluate(axe + "\n;return typeof axe;")
        let found = try await browser.evaluate("""
            return axe.run(document, {resultTypes: ['violations']}).then(r => JSON.stringify(
              r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v =>
                v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.length + ' element(s): ' +
                v.nodes.slice(0, 3).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 160)).join(' | '))));
            """) as? String ?? "[\"axe did not answer\"]"
        return (try JSONSerialization.jsonObject(with: Data(found.utf8)) as? [String]) ?? ["axe's answer could not be read: \(found)"]
    }

    func testNoPageHasASeriousOrCriticalAccessibilityViolation() async throws {
        let axe = try String(contentsOf: Self.axeSource, encoding: .utf8)
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        var checked = 0
        do {
            for (width, height, language) in Self.sizes {
                let size = "\(width)x\(height) \(language)"
                try await browser.setWindowSize(width: width, height: height)
                try await browser.open(try XCTUnwrap(URL(string: "/login?lang=\(language)", relativeTo: base)))
                for line in try await violations(axe, browser) { XCTFail("/login at \(size): \(line)") }
                checked += 1
                for role in Self.roles {
                    let home = try await signIn(role, language: language, base: base, browser)
                    XCTAssertFalse(home.contains("/login"), "\(role) signs in at \(size)")
                    var pages = [home]
                    for link in try await menuLinks(browser) where !pages.contains(link) { pages.append(link) }
                    for page in pages {
                        try await browser.open(try XCTUnwrap(URL(string: page)))
                        let path = URL(string: page)?.path ?? page
                        for line in try await violations(axe, browser) { XCTFail("\(role) \(path) at \(size): \(line)") }
                        checked += 1
                        if role == "collector" && path == "/work",
                           let caseLink = try await browser.evaluate("const a = document.querySelector('#queue a.case-link'); return a ? a.href : null;") as? String {
                            try await browser.open(try XCTUnwrap(URL(string: caseLink)))
                            for line in try await violations(axe, browser) { XCTFail("collector's case page at \(size): \(line)") }
                            checked += 1
                        }
                    }
                    try await browser.open(try XCTUnwrap(URL(string: home)))
                    try await signOut(browser)
                }
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
        XCTAssertGreaterThanOrEqual(checked, 2 * (1 + Self.roles.count), "every role's pages were checked at both sizes")
    }
}
