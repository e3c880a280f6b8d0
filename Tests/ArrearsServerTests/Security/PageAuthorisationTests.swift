import ArrearsCore
import ArrearsServer
import Foundation
import XCTVapor

/// Who may open which page, and the headers every response carries.
final class PageAuthorisationTests: XCTestCase {
    func testTheBackOfficeSeesTheOverviewAndRunsButCollectorsAndGatewaysDoNot() async throws {
        let homes: [Role: String] = [.collector: "/work", .fieldAgent: "/visits"]
        try await SecurityFixture.each { fixture, database in
            for role in [Role.supervisor, .strategyManager, .compliance, .admin, .legal] {
                let browser = try await fixture.signedIn(role)
                for path in ["/", "/runs"] {
                    let page = try await browser.get(path)
                    XCTAssertEqual(page.status, .ok, "\(role) \(path) \(database)")
                    XCTAssertEqual(page.headers.first(name: .cacheControl), "no-store")
                }
            }
            for role in [Role.collector, .fieldAgent, .gateway] {
                let browser = try await fixture.signedIn(role)
                // The bare address sends those with a page of their own there, rather than refuse them.
                let root = try await browser.get("/?lang=en")
                XCTAssertEqual(root.status, homes[role] == nil ? .forbidden : .seeOther, "\(role) / \(database)")
                XCTAssertEqual(root.headers.first(name: .location), homes[role], "\(role) / \(database)")
                for path in ["/runs"] + (homes[role] == nil ? ["/"] : []) {
                    let page = try await browser.get(path + "?lang=en")
                    XCTAssertEqual(page.status, .forbidden, "\(role) \(path) \(database)")
                    XCTAssertEqual(page.headers.contentType, .html)
                    XCTAssertTrue(page.body.string.contains("Your role may not see this page."), "\(role) \(database)")
                }
            }
        }
    }

    func testHealthTheSignInPageAndStaticFilesArePublic() async throws {
        try await SecurityFixture.each { fixture, database in
            for path in ["/health", "/login", "/css/arrears.css"] {
                let response = try await fixture.app.sendRequest(.GET, path)
                XCTAssertEqual(response.status, .ok, "\(path) \(database)")
            }
        }
    }

    func testEveryResponseCarriesTheSecureHeaders() async throws {
        try await SecurityFixture.each { fixture, database in
            let browser = try await fixture.signedIn(.admin)
            let responses = [
                try await browser.get("/"), try await browser.get("/css/arrears.css"), try await browser.get("/no-such-page"),
                try await fixture.app.sendRequest(.GET, "/health"), try await fixture.app.sendRequest(.GET, "/login"),
                try await fixture.app.sendRequest(.GET, "/api/v1/cases"),
            ]
            for response in responses {
                let csp = try XCTUnwrap(response.headers.first(name: "Content-Security-Policy"), database)
                XCTAssertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp)
                XCTAssertTrue(csp.contains("frame-ancestors 'none'"), csp)
                XCTAssertEqual(response.headers.first(name: "X-Content-Type-Options"), "nosniff")
                XCTAssertEqual(response.headers.first(name: "X-Frame-Options"), "DENY")
                XCTAssertEqual(response.headers.first(name: "Referrer-Policy"), "same-origin")
                XCTAssertNil(response.headers.first(name: "Strict-Transport-Security"), "not over HTTPS")
            }
            let overHTTPS = try await fixture.app.sendRequest(.GET, "/health", headers: ["X-Forwarded-Proto": "https"])
            XCTAssertEqual(overHTTPS.headers.first(name: "Strict-Transport-Security"), "max-age=31536000; includeSubDomains", database)
        }
    }

    func testPagesHaveNoInlineScript() async throws {
        try await SecurityFixture.each { fixture, database in
            let browser = try await fixture.signedIn(.admin)
            for path in ["/", "/runs", "/login"] {
                let html = try await browser.get(path).body.string.lowercased()
                XCTAssertFalse(html.contains("<script") || html.contains(" onclick=") || html.contains(" style="), "\(path) \(database)")
            }
        }
    }

    func testAFormPostOnAPageRouteNeedsTheCSRFToken() async throws {
        try await SecurityFixture.each { fixture, database in
            let form = fixture.app.pages([.supervisor])
            form.get("echo") { req in #"<form method="post"><input type="hidden" name="csrf_token" value="\#(req.csrfToken())"></form>"# }
            form.post("echo") { _ in "done" }
            let browser = try await fixture.signedIn(.supervisor)
            _ = try await browser.get("/echo")
            let missing = try await browser.post("/echo", [:], csrf: false)
            XCTAssertEqual(missing.status, .forbidden, database)
            let forged = try await browser.post("/echo", ["csrf_token": "AAAA"], csrf: false)
            XCTAssertEqual(forged.status, .forbidden, database)
            let byForm = try await browser.post("/echo")
            XCTAssertEqual(byForm.status, .ok, database)
            let byHeader = try await browser.post("/echo", [:], csrf: false, headers: ["X-CSRF-Token": try XCTUnwrap(browser.csrfToken)])
            XCTAssertEqual(byHeader.status, .ok, database)
        }
    }

    func testAnOversizedFormIsRefused() async throws {
        try await SecurityFixture.each { fixture, database in
            let browser = Browser(app: fixture.app)
            _ = try await browser.get("/login")
            let response = try await browser.post("/login", ["username": "x", "password": String(repeating: "p", count: 70_000)])
            XCTAssertEqual(response.status, .payloadTooLarge, database)
        }
    }
}
