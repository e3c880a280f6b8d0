import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// Starts `arrears demo` as a newcomer would, signs in as its admin, and looks at it over real
/// HTTP and in a real headless Chromium driven through WebDriver.
final class ServeCommandTests: ServedCommandTestCase {
    static let password = "demo password for tests"

    /// Fetches without following redirects, sending and keeping cookies like a browser.
    final class Client: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        private(set) var cookies: [String: String] = [:]
        private lazy var session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)

        func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
            completionHandler(nil)
        }

        func fetch(_ url: URL, form: [String: String]? = nil) async throws -> (status: Int, location: String?, body: String) {
            var request = URLRequest(url: url)
            request.httpShouldHandleCookies = false
            if !cookies.isEmpty { request.setValue(cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "), forHTTPHeaderField: "Cookie") }
            if let form {
                request.httpMethod = "POST"
                request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
                let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
                request.httpBody = Data(form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&").utf8)
            }
            let (data, response) = try await session.data(for: request)
            let http = response as? HTTPURLResponse
            if let setCookie = http?.value(forHTTPHeaderField: "Set-Cookie"), let pair = setCookie.split(separator: ";").first,
               let equals = pair.firstIndex(of: "=") {
                cookies[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            return (http?.statusCode ?? 0, http?.value(forHTTPHeaderField: "Location"), String(decoding: data, as: UTF8.self))
        }

        /// Opens the sign-in form and submits it.
        func signIn(at base: URL, username: String, password: String) async throws -> (status: Int, location: String?, body: String) {
            let form = try await fetch(URL(string: "/login", relativeTo: base)!)
            guard let range = form.body.range(of: #"name="csrf_token" value=""#) else { return form }
            let token = String(form.body[range.upperBound...].prefix { $0 != "\"" })
            return try await fetch(URL(string: "/login", relativeTo: base)!, form: ["username": username, "password": password, "csrf_token": token])
        }
    }

    /// Starts the demo on a free port and waits until /health answers.
    private func startDemo() async throws -> URL {
        let port = FreePort.pick()
        server = try cli.start(["demo", "--customers", "500", "--days", "30", "--port", String(port), "--demo-password", Self.password] + cli.databaseOption)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        if await CommandRunner.awaitHealth(base.absoluteString, of: server) { return base }
        XCTFail("the demo server did not answer /health within \(Int(CommandRunner.startDeadline)) seconds")
        return base
    }

    func testServeWithAMetricsPortServesMetricsThereWithoutATokenAndOnTheMainPortOnlyToAdmins() async throws {
        let port = FreePort.pick(), metricsPort = FreePort.pick(excluding: [port])
        server = try cli.start(["serve", "--port", String(port), "--metrics-port", String(metricsPort)] + cli.databaseOption)
        let client = Client()
        let metricsURL = URL(string: "http://127.0.0.1:\(metricsPort)/metrics")!
        var scraped: (status: Int, location: String?, body: String)?
        let end = Date().addingTimeInterval(CommandRunner.startDeadline)
        while Date() < end, server?.isRunning == true {
            if let answer = try? await client.fetch(metricsURL), answer.status == 200 { scraped = answer; break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        let metrics = try XCTUnwrap(scraped, "the metrics port did not answer within \(Int(CommandRunner.startDeadline)) seconds")
        XCTAssertTrue(metrics.body.contains("# TYPE arrears_outbox_backlog gauge"), String(metrics.body.prefix(500)))
        let health = try await client.fetch(URL(string: "http://127.0.0.1:\(port)/health")!)
        XCTAssertEqual(health.status, 200)
        let withoutToken = try await client.fetch(URL(string: "http://127.0.0.1:\(port)/metrics")!)
        XCTAssertEqual(withoutToken.status, 401, "on the main port /metrics needs an admin's token")
        let elsewhere = try await client.fetch(URL(string: "http://127.0.0.1:\(metricsPort)/health")!)
        XCTAssertEqual(elsewhere.status, 404, "the metrics port serves nothing else")
    }

    func testDemoServesHealthAndTheFirstPageToItsSignedInAdmin() async throws {
        let base = try await startDemo()
        let client = Client()
        let health = try await client.fetch(base.appendingPathComponent("health"))
        XCTAssertEqual(health.status, 200)
        XCTAssertTrue(health.body.contains(#""database":"reachable""#))
        let signedOut = try await client.fetch(URL(string: "/?lang=en", relativeTo: base)!)
        XCTAssertEqual(signedOut.status, 303, "the overview needs a signed-in user")
        XCTAssertEqual(signedOut.location, "/login?next=/%3Flang%3Den")
        let wrong = try await Client().signIn(at: base, username: "admin", password: "not the demo password")
        XCTAssertEqual(wrong.status, 401)
        let signIn = try await client.signIn(at: base, username: "admin", password: Self.password)
        XCTAssertEqual(signIn.status, 303)

        let page = try await client.fetch(URL(string: "/?lang=en", relativeTo: base)!)
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("Delinquency overview"))
        for bucket in ["1-15", "16-30", "31-60", "61-90", "91-180"] {
            XCTAssertTrue(page.body.contains(#"data-bucket="\#(bucket)""#), "bucket \(bucket) is listed")
        }
        let runs = try await client.fetch(URL(string: "/runs?lang=en", relativeTo: base)!)
        XCTAssertEqual(runs.status, 200)
        XCTAssertTrue(runs.body.contains(#"<tr data-cell="champion">"#) && runs.body.contains(#"<tr data-cell="challenger">"#),
                      "the demo's history shows both cells")
        XCTAssertTrue(runs.body.contains("<polyline points="), "and the delinquency trend")
        let css = try await client.fetch(base.appendingPathComponent("css/arrears.css"))
        XCTAssertEqual(css.status, 200)
    }

    func testSigningInAndTheFirstPageInHeadlessChromium() async throws {
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do {
            try await browser.open(URL(string: "/?bucket=31-60&lang=zh-CN", relativeTo: base)!)
            let landing = try await browser.currentURL()
            XCTAssertTrue(landing.contains("/login?next="), "signed out, the browser lands on the sign-in page: \(landing)")
            try await browser.type("admin", into: try await browser.element("#username"))
            try await browser.type(Self.password, into: try await browser.element("#password"))
            try await browser.click(try await browser.element("#sign-in button[type=submit]"))
            let overview = try await browser.waitForURL { !$0.contains("/login") }
            XCTAssertTrue(overview.hasSuffix("/?bucket=31-60&lang=zh-CN"), overview)
            let dom = try await browser.source()
            XCTAssertTrue(dom.contains("逾期账户概览"), String(dom.prefix(500)))
            XCTAssertTrue(dom.contains(#"<table id="accounts">"#))
            XCTAssertTrue(dom.contains(#"class="selected">31-60</a>"#), "back on the page asked for, with its filter")

            try await browser.click(try await browser.element("form.sign-out button"))
            let signedOut = try await browser.waitForURL { $0.hasSuffix("/login") }
            XCTAssertTrue(signedOut.hasSuffix("/login"), "signed out: \(signedOut)")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    func testTheAnalyticsPageAndMonthlyReportDrawTheirChartsInHeadlessChromium() async throws {
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do {
            try await browser.open(URL(string: "/analytics?lang=en", relativeTo: base)!)
            try await browser.type("admin", into: try await browser.element("#username"))
            try await browser.type(Self.password, into: try await browser.element("#password"))
            try await browser.click(try await browser.element("#sign-in button[type=submit]"))
            let analytics = try await browser.waitForURL { $0.contains("/analytics") && !$0.contains("/login") }
            XCTAssertTrue(analytics.hasSuffix("/analytics?lang=en"), analytics)
            let dom = try await browser.source()
            if let folder = ProcessInfo.processInfo.environment["ARREARS_SCREENSHOTS"] {
                try await browser.screenshot().write(to: URL(fileURLWithPath: folder).appendingPathComponent("analytics.png"))
            }
            XCTAssertTrue(dom.contains("<h1>Collection analytics</h1>"), String(dom.prefix(500)))
            XCTAssertTrue(dom.contains(#"<tr data-group="all">"#), "the overall KPI line")
            // Chromium lays the server's SVG out: the trend and the funnel take the page's width.
            for chart in ["delinquency-trend", "contact-funnel", "cell-comparison"] {
                let width = try await browser.evaluate("return document.getElementById('\(chart)').getBoundingClientRect().width;") as? Double
                XCTAssertGreaterThan(width ?? 0, 200, chart)
            }
            let polylines = try await browser.evaluate("return document.querySelectorAll('#delinquency-trend polyline').length;") as? Int
            XCTAssertEqual(polylines, 1)
            let kinds = try await browser.evaluate("return Array.from(document.querySelectorAll('#models tbody td[data-kind]')).map(c => c.dataset.kind).sort().join(',');") as? String
            XCTAssertEqual(kinds, "gbm,gbm,scorecard,scorecard", "the demo trains and activates scorecards of pay30 and roll, with boosted trees of both beside them")

            try await browser.click(try await browser.element(#"form.filters select[name=by] option[value=cell]"#))
            try await browser.click(try await browser.element("form.filters button[type=submit]"))
            let byCell = try await browser.waitForURL { $0.contains("by=cell") }
            XCTAssertTrue(byCell.contains("by=cell"), byCell)
            let cells = try await browser.evaluate("return Array.from(document.querySelectorAll('#kpis tbody tr')).map(r => r.dataset.group).join(',');") as? String
            XCTAssertEqual(Set((cells ?? "").split(separator: ",")), ["challenger", "champion"], "one line per cell and currency")

            try await browser.open(URL(string: "/reports/monthly?lang=zh-CN", relativeTo: base)!)
            let report = try await browser.source()
            XCTAssertTrue(report.contains("月度报告"), String(report.prefix(500)))
            XCTAssertTrue(report.contains(#"<table id="teams""#))
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }

    /// Issue 5's walk-through: a collector signs in, opens the first case of the queue, logs a
    /// right-party contact, takes a promise, sees both on the case page and moves to the next.
    func testACollectorWorksACaseEndToEndInHeadlessChromium() async throws {
        let base = try await startDemo()
        let browser = try await WebDriver.start(profileDirectory: cli.directory.appendingPathComponent("chromium"))
        do {
            try await browser.open(URL(string: "/work?lang=en", relativeTo: base)!)
            try await browser.type("collector", into: try await browser.element("#username"))
            try await browser.type(Self.password, into: try await browser.element("#password"))
            try await browser.click(try await browser.element("#sign-in button[type=submit]"))
            let queue = try await browser.waitForURL { $0.contains("/work") && !$0.contains("/login") }
            XCTAssertTrue(queue.hasSuffix("/work?lang=en"), queue)
            let tasks = try await browser.evaluate("return document.querySelectorAll('#queue tbody tr').length;") as? Int
            XCTAssertGreaterThan(tasks ?? 0, 1, "the demo gives the collector calls to make")

            try await browser.click(try await browser.element("#queue a.case-link"))
            var casePage = try await browser.waitForURL { $0.contains("/work/cases/") }
            // A case whose customer has already promised takes no second promise: move on to one that has not.
            for _ in 0..<10 {
                let pending = try await browser.evaluate("return !document.getElementById('promise-form') || document.getElementById('header-promise').textContent.includes('Due on');") as? Bool
                guard pending == true else { break }
                try await browser.click(try await browser.element("#next-case"))
                casePage = try await browser.waitForURL { $0 != casePage && $0.contains("/work/cases/") }
            }
            _ = try await browser.evaluate("document.querySelector('#attempt-form select[name=outcome]').value = 'right_party_contact';")
            try await browser.type("spoke to the customer", into: try await browser.element("#attempt-form input[name=note]"))
            try await browser.click(try await browser.element("#attempt-form button[type=submit]"))
            try await Task.sleep(nanoseconds: 500_000_000)
            let afterAttempt = try await browser.evaluate("return document.getElementById('attempts').textContent;") as? String ?? ""
            XCTAssertTrue(afterAttempt.contains("right-party contact") && afterAttempt.contains("spoke to the customer"), afterAttempt)

            let due = ISO8601DateFormatter.string(from: Date().addingTimeInterval(7 * 86_400), timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            // The promise form folds away under its heading until the collector opens it.
            if try await browser.evaluate("return document.getElementById('take-promise').open;") as? Bool != true {
                try await browser.click(try await browser.element("#take-promise summary"))
            }
            try await browser.type("1", into: try await browser.element("#promise-form input[name=amount]"))
            _ = try await browser.evaluate("document.querySelector('#promise-form input[name=due_on]').value = '\(due)';")
            try await browser.click(try await browser.element("#promise-form button[type=submit]"))
            try await Task.sleep(nanoseconds: 500_000_000)
            let promises = try await browser.evaluate("return document.getElementById('attempts').textContent + ' | ' + document.getElementById('header-promise').textContent;") as? String ?? ""
            XCTAssertTrue(promises.contains(due) && promises.contains("pending") && promises.contains("Due on \(due)"), "the promise is pending in the timeline and in the header: \(promises)")

            let worked = try await browser.currentURL()
            try await browser.click(try await browser.element("#next-case"))
            let next = try await browser.waitForURL { $0 != worked }
            XCTAssertNotEqual(next, worked, "next case")
        } catch {
            await browser.quit()
            throw error
        }
        await browser.quit()
    }
}
