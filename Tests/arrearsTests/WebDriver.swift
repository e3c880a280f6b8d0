import AsyncHTTPClient
import Foundation
import NIOCore
import XCTest

/// A small W3C WebDriver client (https://www.w3.org/TR/webdriver2/) for a headless Chromium driven
/// by chromedriver (Debian's `chromium-driver`), spoken over HTTP and JSON. Enough to work pages
/// as a person would: open a URL, fill fields, click, read the DOM.
///
/// It speaks HTTP through AsyncHTTPClient, not URLSession: on Linux URLSession refuses
/// chromedriver's header lines, which have no space after the colon ("Failed writing header").
///
/// `WebDriver.start` skips the test when Chromium or chromedriver is missing, or fails it when
/// `ARREARS_REQUIRE_BROWSER=1` (set by `scripts/test` where the browser is installed).
final class WebDriver {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// A found element, by its WebDriver reference.
    struct Element {
        let id: String
    }

    static let chromiumCandidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
    static let driverCandidates = ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
    /// The key W3C WebDriver names an element reference with.
    private static let elementKey = "element-6066-11e4-a52e-4f735466cecf"

    private let driver: Process
    private let base: URL
    private let session: String

    private init(driver: Process, base: URL, session: String) {
        self.driver = driver
        self.base = base
        self.session = session
    }

    /// Starts chromedriver on a free port and a headless Chromium session with its profile in
    /// `profileDirectory`.
    static func start(profileDirectory: URL) async throws -> WebDriver {
        let fileManager = FileManager.default
        guard let chromium = chromiumCandidates.first(where: fileManager.isExecutableFile(atPath:)),
              let chromedriver = driverCandidates.first(where: fileManager.isExecutableFile(atPath:)) else {
            if ProcessInfo.processInfo.environment["ARREARS_REQUIRE_BROWSER"] == "1" {
                XCTFail("chromium and chromium-driver are required but not installed")
            }
            throw XCTSkip("chromium or chromedriver is not installed")
        }
        let port = FreePort.pick()
        let driver = Process()
        driver.executableURL = URL(fileURLWithPath: chromedriver)
        driver.arguments = ["--port=\(port)"]
        driver.standardOutput = FileHandle.nullDevice
        driver.standardError = FileHandle.nullDevice
        try driver.run()
        let base = URL(string: "http://127.0.0.1:\(port)")!
        do {
            try await waitUntilReady(base)
            let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": [
                "browserName": "chrome",
                "goog:chromeOptions": [
                    "binary": chromium,
                    "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,3000",
                             "--user-data-dir=\(profileDirectory.path)"],
                ],
            ]]]
            let created = try await call(base, "POST", "/session", capabilities)
            guard let session = (created as? [String: Any])?["sessionId"] as? String else {
                throw Failure(description: "chromedriver made no session: \(String(describing: created))")
            }
            return WebDriver(driver: driver, base: base, session: session)
        } catch {
            await stop(driver, base: base)
            throw error
        }
    }

    /// Ends the browser session and stops chromedriver.
    func quit() async {
        _ = try? await Self.call(base, "DELETE", "/session/\(session)", nil)
        await Self.stop(driver, base: base)
    }

    /// Asks chromedriver to shut down (its `/shutdown` command), and kills it if it is still
    /// there a few seconds later: it may have inherited a signal mask that ignores SIGTERM.
    private static func stop(_ driver: Process, base: URL) async {
        _ = try? await call(base, "GET", "/shutdown", nil)
        for _ in 0..<50 where driver.isRunning { try? await Task.sleep(nanoseconds: 100_000_000) }
        if driver.isRunning { kill(driver.processIdentifier, SIGKILL) }
        driver.waitUntilExit()
    }

    func open(_ url: URL) async throws {
        _ = try await command("POST", "/url", ["url": url.absoluteString])
    }

    /// The first element matching the CSS selector; fails when there is none after 10 seconds.
    /// It waits because a click that submits a form returns before the next page is there: on a
    /// loaded machine the element of the next page is looked for while the browser still shows
    /// the one before.
    func element(_ selector: String) async throws -> Element {
        var attempt = 0
        while true {
            do {
                let found = try await command("POST", "/element", ["using": "css selector", "value": selector])
                guard let id = (found as? [String: Any])?[Self.elementKey] as? String else {
                    throw Failure(description: "no element matches \(selector)")
                }
                return Element(id: id)
            } catch {
                attempt += 1
                if attempt >= 100 { throw error }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
        }
    }

    func type(_ text: String, into element: Element) async throws {
        _ = try await command("POST", "/element/\(element.id)/value", ["text": text])
    }

    func click(_ element: Element) async throws {
        _ = try await command("POST", "/element/\(element.id)/click", [:])
    }

    /// The page's DOM as HTML, as the browser holds it now.
    func source() async throws -> String {
        try await command("GET", "/source", nil) as? String ?? ""
    }

    /// Runs `script` (a function body) in the page and returns what it returns.
    func evaluate(_ script: String) async throws -> Any? {
        try await command("POST", "/execute/sync", ["script": script, "args": [] as [Any]])
    }

    /// Resizes the browser's window to `width` x `height` CSS pixels (headless, the viewport's size).
    func setWindowSize(width: Int, height: Int) async throws {
        _ = try await command("POST", "/window/rect", ["width": width, "height": height])
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        Data(base64Encoded: try await command("GET", "/screenshot", nil) as? String ?? "") ?? Data()
    }

    /// The page as printed to PDF (W3C "Print Page", A4 portrait), as a person's print dialog
    /// would print it with the page's print stylesheet.
    func printPDF() async throws -> Data {
        let printed = try await command("POST", "/print", ["page": ["width": 21.0, "height": 29.7], "background": true])
        return Data(base64Encoded: printed as? String ?? "") ?? Data()
    }

    /// The browser's Back button.
    func back() async throws {
        _ = try await command("POST", "/back", [:])
    }

    func currentURL() async throws -> String {
        try await command("GET", "/url", nil) as? String ?? ""
    }

    /// The current URL once `arrived` holds for it (a click that submits a form returns before
    /// the next page is there), or the last one seen after 10 seconds.
    func waitForURL(_ arrived: (String) -> Bool) async throws -> String {
        var url = try await currentURL()
        for _ in 0..<100 where !arrived(url) {
            try await Task.sleep(nanoseconds: 100_000_000)
            url = try await currentURL()
        }
        return url
    }

    private func command(_ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        try await Self.call(base, method, "/session/\(session)" + path, body)
    }

    /// Sends one WebDriver command and returns its `value`, or throws the driver's error.
    private static func call(_ base: URL, _ method: String, _ path: String, _ body: [String: Any]?) async throws -> Any? {
        var request = HTTPClientRequest(url: base.absoluteString + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data(buffer: try await response.body.collect(upTo: 64 << 20))
        let json = (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) as? [String: Any]
        let value = json?["value"]
        if let error = (value as? [String: Any])?["error"] as? String {
            throw Failure(description: "\(method) \(path): \(error): \((value as? [String: Any])?["message"] ?? "")")
        }
        guard response.status == .ok else { throw Failure(description: "\(method) \(path): HTTP \(response.status.code)") }
        return value is NSNull ? nil : value
    }

    private static func waitUntilReady(_ base: URL) async throws {
        var last = "no answer"
        for _ in 0..<100 {
            do {
                let status = try await call(base, "GET", "/status", nil) as? [String: Any]
                if status?["ready"] as? Bool == true { return }
                last = "not ready: \(String(describing: status))"
            } catch {
                last = String(describing: error)
            }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw Failure(description: "chromedriver did not become ready within 10 seconds (\(last))")
    }
}
