import AsyncHTTPClient
import Foundation
import XCTest

/// The set-up the browser scenarios share: `arrears demo` on a free port with a known password,
/// signing in and out from the sign-in page by typing and clicking as a person does, and
/// screenshots into the folder the scenario names (`screenshots`) for a person to look at.
class DemoBrowserTestCase: ServedCommandTestCase {
    static let password = "demo password for tests"
    /// Where the scenario's screenshots go; each scenario names its own folder.
    class var screenshots: URL { URL(fileURLWithPath: "/tmp/arrears-browser") }

    /// Starts a demo of 300 customers and 20 days on a free port and waits until /health answers.
    func startDemo() async throws -> URL {
        try await startDemo(customers: 300, days: 20, password: Self.password)
    }

    /// A PNG of the browser's viewport as `name`.png in the scenario's folder.
    func snap(_ name: String, _ browser: WebDriver) async throws {
        try FileManager.default.createDirectory(at: Self.screenshots, withIntermediateDirectories: true)
        try await browser.screenshot().write(to: Self.screenshots.appendingPathComponent(name + ".png"))
    }

    /// Signs in from the sign-in page by typing and clicking; returns the page it lands on.
    func signIn(_ username: String, language: String, base: URL, _ browser: WebDriver) async throws -> String {
        try await browser.open(try XCTUnwrap(URL(string: "/login?lang=\(language)", relativeTo: base)))
        try await browser.type(username, into: try await browser.element("#username"))
        try await browser.type(Self.password, into: try await browser.element("#password"))
        try await browser.click(try await browser.element("#sign-in button[type=submit]"))
        return try await browser.waitForURL { !$0.contains("/login") }
    }

    /// Signs out with the header's button and waits for the sign-in page.
    func signOut(_ browser: WebDriver) async throws {
        try await browser.click(try await browser.element("form.sign-out button"))
        _ = try await browser.waitForURL { $0.contains("/login") }
    }
}
