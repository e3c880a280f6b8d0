import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// Starts `arrears demo` as a newcomer would and looks at it over real HTTP and in a real
/// headless Chromium.
final class ServeCommandTests: XCTestCase {
    private var cli: CommandRunner!
    private var server: Process?

    override func setUpWithError() throws { cli = try CommandRunner() }

    override func tearDown() {
        server?.terminate()
        server?.waitUntilExit()
        cli.remove()
    }

    private func fetch(_ url: URL) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: url)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Starts the demo on a free port and waits until /health answers.
    private func startDemo() async throws -> URL {
        let port = Int.random(in: 20_000..<40_000)
        server = try cli.start(["demo", "--customers", "500", "--days", "30", "--port", String(port)] + cli.databaseOption)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        for _ in 0..<300 {
            if let (status, _) = try? await fetch(base.appendingPathComponent("health")), status == 200 { return base }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        XCTFail("the demo server did not answer /health within 30 seconds")
        return base
    }

    func testDemoServesHealthAndTheFirstPage() async throws {
        let base = try await startDemo()
        let (status, health) = try await fetch(base.appendingPathComponent("health"))
        XCTAssertEqual(status, 200)
        XCTAssertTrue(health.contains(#""database":"reachable""#))
        let (pageStatus, page) = try await fetch(URL(string: "/?lang=en", relativeTo: base)!)
        XCTAssertEqual(pageStatus, 200)
        XCTAssertTrue(page.contains("Delinquency overview"))
        for bucket in ["1-15", "16-30", "31-60", "61-90", "91-180"] {
            XCTAssertTrue(page.contains(#"data-bucket="\#(bucket)""#), "bucket \(bucket) is listed")
        }
        let (runsStatus, runs) = try await fetch(URL(string: "/runs?lang=en", relativeTo: base)!)
        XCTAssertEqual(runsStatus, 200)
        XCTAssertTrue(runs.contains(#"<tr data-cell="champion">"#) && runs.contains(#"<tr data-cell="challenger">"#),
                      "the demo's history shows both cells")
        XCTAssertTrue(runs.contains("<polyline points="), "and the delinquency trend")
        let css = try await fetch(base.appendingPathComponent("css/arrears.css"))
        XCTAssertEqual(css.0, 200)
    }

    func testFirstPageRendersInHeadlessChromium() async throws {
        guard let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first(where: FileManager.default.isExecutableFile(atPath:)) else {
            if ProcessInfo.processInfo.environment["ARREARS_REQUIRE_BROWSER"] == "1" { XCTFail("chromium is required but not installed") }
            throw XCTSkip("chromium is not installed")
        }
        let base = try await startDemo()
        let browser = Process()
        browser.executableURL = URL(fileURLWithPath: chromium)
        browser.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(cli.directory.appendingPathComponent("chromium").path)",
                             "--dump-dom", base.absoluteString + "/?bucket=31-60&lang=zh-CN"]
        let out = Pipe()
        browser.standardOutput = out
        browser.standardError = Pipe()
        try browser.run()
        let dom = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        browser.waitUntilExit()
        XCTAssertTrue(dom.contains("逾期账户概览"), String(dom.prefix(500)))
        XCTAssertTrue(dom.contains(#"<table id="accounts">"#))
        XCTAssertTrue(dom.contains(#"class="selected">31-60</a>"#))
    }
}
