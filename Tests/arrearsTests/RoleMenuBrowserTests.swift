import AsyncHTTPClient
import Foundation
import XCTest

/// Issue 25's homes and menus in a real headless Chromium against `arrears demo`, on a desktop
/// (1366x900) and a phone (390x844): a collector, a supervisor and a compliance officer start on
/// the sign-in page, land on their own page and reach a page of their menu by clicks alone (in
/// English on the desktop, in Chinese on the phone). Screenshots of each step are
/// written to `/tmp/arrears-role-menu/` for a person to look at.
final class RoleMenuBrowserTests: DemoBrowserTestCase {
    override class var screenshots: URL { URL(fileURLWithPath: "/tmp/arrears-role-menu") }
    /// The desktop in English, the phone in Chinese, so that both languages are seen.
    static let sizes = [(width: 1366, height: 900, language: "en"), (width: 390, height: 844, language: "zh-CN")]

    private func text(_ selector: String, _ browser: WebDriver) async throws -> String {
        try await browser.evaluate("const e = document.querySelector('\(selector)'); return e ? e.textContent.trim() : '';") as? String ?? ""
    }

    /// Clicks the menu's link to `path`, which must be on screen and not covered, and waits for it.
    private func clickMenu(_ path: String, size: String, _ browser: WebDriver) async throws -> String {
        let before = try await browser.currentURL()
        let visible = try await browser.evaluate("""
            const a = document.querySelector('#menu a[href^="\(path)?"]');
            if (!a) return 'missing';
            a.scrollIntoView({block: 'nearest', inline: 'nearest'});
            const r = a.getBoundingClientRect();
            if (r.width < 24 || r.height < 24) return 'too small: ' + r.width + 'x' + r.height;
            if (r.left < 0 || r.right > window.innerWidth || r.top < 0 || r.bottom > window.innerHeight) return 'off screen';
            const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
            return top === a || a.contains(top) ? 'ok' : 'covered';
            """) as? String
        XCTAssertEqual(visible, "ok", "the menu's \(path) can be tapped at \(size)")
        try await browser.click(try await browser.element("#menu a[href^=\"\(path)?\"]"))
        return try await browser.waitForURL { $0 != before && $0.contains(path) }
    }

    private func assertFits(_ what: String, _ browser: WebDriver) async throws {
        let overflow = try await browser.evaluate("return document.querySelector('header').scrollWidth - window.innerWidth;") as? Int
        XCTAssertLessThanOrEqual(overflow ?? 1, 0, "\(what): the header fits the screen")
    }

    func testACollectorAndASupervisorReachTheirHomeAndTheirMenuByClicksOnADesktopAndAPhone() async throws {
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do {
            for (width, height, language) in Self.sizes {
                let size = "\(width)x\(height)"
                try await browser.setWindowSize(width: width, height: height)

                let queue = try await signIn("collector", language: language, base: base, browser)
                XCTAssertTrue(queue.contains("/work"), "the collector lands on the queue at \(size): \(queue)")
                let heading = try await text("h1", browser)
                XCTAssertEqual(heading, language == "en" ? "My queue" : "我的队列", size)
                try await assertFits("the collector's queue at \(size)", browser)
                try await snap("collector-\(size)-home", browser)
                _ = try await clickMenu("/work", size: size, browser)
                try await browser.click(try await browser.element("#queue a.case-link"))
                let casePage = try await browser.waitForURL { $0.contains("/work/cases/") }
                XCTAssertTrue(casePage.contains("/work/cases/"), "a case opens from the queue at \(size)")
                try await snap("collector-\(size)-case", browser)
                try await signOut(browser)

                let team = try await signIn("supervisor", language: language, base: base, browser)
                XCTAssertTrue(team.contains("/supervisor"), "the supervisor lands on the team page at \(size): \(team)")
                try await assertFits("the supervisor's page at \(size)", browser)
                try await snap("supervisor-\(size)-home", browser)
                let legal = try await clickMenu("/legal", size: size, browser)
                XCTAssertTrue(legal.contains("/legal"), size)
                let legalHeading = try await text("h1", browser)
                XCTAssertFalse(legalHeading.isEmpty, "the legal worklist at \(size)")
                try await snap("supervisor-\(size)-legal", browser)
                _ = try await clickMenu("/supervisor", size: size, browser)
                try await signOut(browser)

                let console = try await signIn("compliance", language: language, base: base, browser)
                XCTAssertTrue(console.contains("/compliance"), "the compliance officer lands on the console at \(size): \(console)")
                try await assertFits("the compliance console at \(size)", browser)
                try await snap("compliance-\(size)-home", browser)
                _ = try await clickMenu("/analytics", size: size, browser)
                try await signOut(browser)
            }
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
