import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit
import XCTest

/// What issue 25's day-per-role scenarios share on top of `DemoBrowserTestCase`: the two sizes
/// (the desktop in English, the phone in Chinese), the screenshots in one folder per test run
/// (`/tmp/arrears-role-days/<run>/`, the run named by `ARREARS_SCREENSHOT_RUN` or the time it
/// started), and steps as a person takes them: following a link of the menu or the page,
/// filling a form's field, reading what the page says.
class RoleDayBrowserTestCase: DemoBrowserTestCase {
    static let sizes = [(width: 1366, height: 900, language: "en"), (width: 390, height: 844, language: "zh-CN")]
    /// One folder per test run, so that a run's pictures are seen together and not mixed with
    /// an earlier run's.
    static let run: String = ProcessInfo.processInfo.environment["ARREARS_SCREENSHOT_RUN"]
        ?? ISO8601DateFormatter.string(from: Date(), timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate, .withTime])
    /// The demo's data key, so that the scenario may read what a person would know beforehand.
    let dataKey = DataKey.generate()
    override class var screenshots: URL { URL(fileURLWithPath: "/tmp/arrears-role-days").appendingPathComponent(run) }

    /// The text of the first element matching `selector` as a person reads it, "" when none.
    func text(_ selector: String, _ browser: WebDriver) async throws -> String {
        let quoted = try jsString(selector)
        return try await browser.evaluate("const e = document.querySelector(\(quoted)); return e ? e.innerText.trim() : '';") as? String ?? ""
    }

    /// Fails when the element `selector` (an error notice) says something.
    func assertEmpty(_ selector: String, _ what: String, _ browser: WebDriver, file: StaticString = #filePath, line: UInt = #line) async throws {
        let said = try await text(selector, browser)
        XCTAssertEqual(said, "", what, file: file, line: line)
    }

    /// Clicks the first element matching `selector` once it is scrolled into view.
    func click(_ selector: String, _ browser: WebDriver) async throws {
        let quoted = try jsString(selector)
        _ = try await browser.evaluate("document.querySelector(\(quoted))?.scrollIntoView({block: 'center'}); return 1;")
        try await browser.click(try await browser.element(selector))
    }

    /// Types `value` into the field `selector` (emptied first).
    func fill(_ selector: String, _ value: String, _ browser: WebDriver) async throws {
        let quoted = try jsString(selector)
        _ = try await browser.evaluate("const e = document.querySelector(\(quoted)); if (e) { e.scrollIntoView({block: 'center'}); e.value = ''; } return 1;")
        try await browser.type(value, into: try await browser.element(selector))
    }

    /// Sets a date or a choice of the field `selector` as its picker would (typing into a date
    /// field depends on the browser's locale).
    func choose(_ selector: String, _ value: String, _ browser: WebDriver) async throws {
        let quoted = try jsString(selector), chosen = try jsString(value)
        let found = try await browser.evaluate("""
            const e = document.querySelector(\(quoted)); if (!e) return false;
            e.value = \(chosen); e.dispatchEvent(new Event('change', {bubbles: true})); return e.value === \(chosen);
            """) as? Bool
        XCTAssertEqual(found, true, "\(selector) takes \(value)")
    }

    /// Follows the menu's link to `path` and waits for its page.
    func followMenu(_ path: String, _ browser: WebDriver) async throws -> String {
        let before = try await browser.currentURL()
        try await click("#menu a[href^=\"\(path)?\"]", browser)
        return try await browser.waitForURL { $0 != before && (URL(string: $0)?.path == path) }
    }

    /// Clicks `selector` (a link or a form's button) and waits until the URL differs from now
    /// and `arrived` holds for it.
    func go(_ selector: String, _ browser: WebDriver, until arrived: @escaping (String) -> Bool = { _ in true }) async throws -> String {
        let before = try await browser.currentURL()
        try await click(selector, browser)
        return try await browser.waitForURL { $0 != before && arrived($0) }
    }

    /// What a person must not see on a page: a refusal (403), a raw UTC time, or on a Chinese
    /// page a code identifier (a snake_case word) instead of its words.
    func assertReadable(_ what: String, language: String, _ browser: WebDriver, file: StaticString = #filePath, line: UInt = #line) async throws {
        let found = try await browser.evaluate("""
            const text = document.body.innerText;
            const problems = [];
            if (/\\b403\\b|Forbidden/.test(document.title + ' ' + text.slice(0, 400))) problems.push('a refusal');
            const utc = text.match(/\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d)?(\\.\\d+)?Z/);
            if (utc) problems.push('raw UTC ' + utc[0]);
            if (document.documentElement.lang === 'zh-CN') {
              const codes = text.match(/\\b[a-z]+(_[a-z]+)+\\b/g);
              if (codes) problems.push('codes ' + [...new Set(codes)].slice(0, 8).join(' '));
            }
            return problems.join('; ');
            """) as? String ?? "the page could not be read"
        XCTAssertEqual(found, "", "\(what) (\(language))", file: file, line: line)
    }

    /// A date `days` from today, as a date field takes it.
    func day(in days: Int) -> String {
        ISO8601DateFormatter.string(from: Date().addingTimeInterval(Double(days) * 86_400), timeZone: TimeZone(identifier: "UTC") ?? .current, formatOptions: [.withFullDate])
    }

    /// Rows of the demo's database, for what a person would know before a step (a caller's
    /// name): never for what the scenario asserts.
    func demoRows(_ sql: String, column: String) async throws -> [String] {
        let store = try await openDemoStore()
        do {
            let rows = try await store.sql.raw(SQLQueryString(sql)).all()
            await store.shutdown()
            return try rows.map { try $0.decode(column: column, as: String.self) }
        } catch {
            await store.shutdown()
            throw error
        }
    }

    /// The demo's database, its personal data readable with the demo's data key.
    func openDemoStore() async throws -> Store {
        try await Store.open(.sqlite(path: cli.directory.appendingPathComponent("cli.sqlite").path), dataKey: dataKey)
    }

    /// Runs `body` with a demo and a browser, quitting the browser however `body` ends.
    func withDemo(_ body: (URL, WebDriver) async throws -> Void) async throws {
        cli.environment["ARREARS_DATA_KEY"] = dataKey.base64
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do { try await body(base, browser) } catch { await browser.quit(); throw error }
        await browser.quit()
    }

    private func jsString(_ value: String) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: [value]), as: UTF8.self).dropFirst().dropLast().description
    }
}
