import ArrearsCore
import ArrearsServer
import ArrearsStore
import Foundation
import XCTVapor

/// Signing in and out of the pages: sessions, CSRF, throttling, redirects.
final class SignInTests: XCTestCase {
    func testSignInWithTheRightPasswordOpensTheOverview() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("wang.supervisor", .supervisor)
            let browser = Browser(app: fixture.app)
            let form = try await browser.get("/login?lang=en")
            XCTAssertEqual(form.status, .ok, database)
            XCTAssertTrue(form.body.string.contains("Sign in"), database)
            let signIn = try await browser.signIn("wang.supervisor", SecurityFixture.password)
            XCTAssertEqual(signIn.status, .seeOther, database)
            XCTAssertEqual(signIn.headers.first(name: .location), "/supervisor", "the supervisor's home on \(database)")
            let overview = try await browser.get("/?lang=en")
            XCTAssertEqual(overview.status, .ok, database)
            XCTAssertTrue(overview.body.string.contains("Delinquency overview"), database)
        }
    }

    func testTheSignInPageSpeaksChineseByDefault() async throws {
        try await SecurityFixture.each { fixture, database in
            let page = try await Browser(app: fixture.app).get("/login")
            XCTAssertTrue(page.body.string.contains("用户名"), database)
            XCTAssertTrue(page.body.string.contains("密码"), database)
        }
    }

    func testAWrongPasswordOrUnknownUserIsRefusedAlike() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("li.na", .supervisor)
            for (username, password) in [("li.na", "wrong password!"), ("nobody", SecurityFixture.password)] {
                let browser = Browser(app: fixture.app)
                let response = try await browser.signIn(username, password)
                XCTAssertEqual(response.status, .unauthorized, "\(username) \(database)")
                XCTAssertTrue(response.body.string.contains("用户名或密码错误"), database)
                XCTAssertNil(response.headers.first(name: .location))
                let page = try await browser.get("/")
                XCTAssertEqual(page.status, .seeOther, "still signed out: \(database)")
            }
        }
    }

    func testADeactivatedUserCannotSignIn() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("gone", .admin, active: false)
            let response = try await Browser(app: fixture.app).signIn("gone", SecurityFixture.password)
            XCTAssertEqual(response.status, .unauthorized, database)
        }
    }

    func testTheSixthAttemptWithinFifteenMinutesIsThrottledEvenWithTheRightPassword() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("zhang.wei", .supervisor)
            let browser = Browser(app: fixture.app)
            for attempt in 1...5 {
                let response = try await browser.signIn("zhang.wei", "guess number \(attempt)")
                XCTAssertEqual(response.status, .unauthorized, "attempt \(attempt) \(database)")
            }
            let sixth = try await browser.signIn("zhang.wei", SecurityFixture.password)
            XCTAssertEqual(sixth.status, .tooManyRequests, database)
            let retryAfter = try XCTUnwrap(sixth.headers.first(name: "Retry-After").flatMap(Int.init))
            XCTAssertTrue((1...900).contains(retryAfter), "\(retryAfter)")
            XCTAssertTrue(sixth.body.string.contains("登录失败次数过多"), database)
            let page = try await browser.get("/")
            XCTAssertEqual(page.status, .seeOther, "the right password did not sign in: \(database)")
        }
    }

    func testASuccessfulSignInClearsTheUsernamesFailures() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("chen.jie", .supervisor)
            let browser = Browser(app: fixture.app)
            for attempt in 1...4 { _ = try await browser.signIn("chen.jie", "guess \(attempt) wrong") }
            let success = try await browser.signIn("chen.jie", SecurityFixture.password)
            XCTAssertEqual(success.status, .seeOther, database)
            for attempt in 1...4 {
                let response = try await Browser(app: fixture.app).signIn("chen.jie", "again \(attempt) wrong")
                XCTAssertEqual(response.status, .unauthorized, "the count started again: attempt \(attempt) \(database)")
            }
        }
    }

    /// Signs in as `username` from `address` (as the load balancer tells it), on a fresh browser.
    private func signIn(_ fixture: SecurityFixture, _ username: String, _ password: String, from forwardedFor: String) async throws -> XCTHTTPResponse {
        let headers: HTTPHeaders = ["X-Forwarded-For": forwardedFor]
        let browser = Browser(app: fixture.app)
        _ = try await browser.get("/login", headers: headers)
        return try await browser.post("/login", ["username": username, "password": password], headers: headers)
    }

    func testOneAddressTryingManyUsernamesSlowsTheRightPasswordDownButNeverRefusesIt() async throws {
        let delay: TimeInterval = 0.6
        try await SecurityFixture.each(settings: { $0.trustForwardedFor = true; $0.failuresPerAddress = 3; $0.addressDelay = delay }) { fixture, database in
            try await fixture.addUser("amy.wong", .supervisor)
            let office = "203.0.113.7"
            for name in ["a1", "a2", "a3"] {
                let response = try await signIn(fixture, name, "x", from: office)
                XCTAssertEqual(response.status, .unauthorized, database)
            }
            let started = Date()
            let slowed = try await signIn(fixture, "amy.wong", SecurityFixture.password, from: office)
            XCTAssertEqual(slowed.status, .seeOther, "\(database): the right password still signs in from the office")
            XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(started), delay, "\(database): but only after the delay")
            let wrong = try await signIn(fixture, "amy.wong", "a wrong guess", from: office)
            XCTAssertEqual(wrong.status, .unauthorized, "\(database): a wrong password is told so, not throttled")
            let token = try await fixture.api(.POST, "/api/v1/tokens", json: #"{"username":"amy.wong","password":"\#(SecurityFixture.password)"}"#)
            XCTAssertEqual(token.status, .created, database)
        }
    }

    func testAUsernameFailingFromOneAddressIsRefusedThereAndNowhereElse() async throws {
        try await SecurityFixture.each(settings: { $0.trustForwardedFor = true; $0.failuresPerAddress = 3; $0.failuresPerUsername = 10 }) { fixture, database in
            try await fixture.addUser("li.na", .supervisor)
            for attempt in 1...3 {
                let response = try await signIn(fixture, "li.na", "guess \(attempt)", from: "198.51.100.1")
                XCTAssertEqual(response.status, .unauthorized, database)
            }
            let there = try await signIn(fixture, "li.na", SecurityFixture.password, from: "198.51.100.1")
            XCTAssertEqual(there.status, .tooManyRequests, database)
            XCTAssertNotNil(there.headers.first(name: "Retry-After"), database)
            let elsewhere = try await signIn(fixture, "li.na", SecurityFixture.password, from: "198.51.100.2")
            XCTAssertEqual(elsewhere.status, .seeOther, "\(database): another address may still sign in")
        }
    }

    func testTheClientAddressIsTheRightMostForwardedEntry() async throws {
        try await SecurityFixture.each(settings: { $0.trustForwardedFor = true; $0.failuresPerAddress = 3; $0.failuresPerUsername = 10 }) { fixture, database in
            try await fixture.addUser("wang.fang", .supervisor)
            // The client writes whatever it likes on the left; the load balancer appends what it saw.
            for (attempt, forged) in ["10.0.0.1", "10.0.0.2", "10.0.0.3"].enumerated() {
                let response = try await signIn(fixture, "wang.fang", "guess \(attempt)", from: "\(forged), 192.0.2.50")
                XCTAssertEqual(response.status, .unauthorized, database)
            }
            let forgedAgain = try await signIn(fixture, "wang.fang", SecurityFixture.password, from: "10.0.0.4, 192.0.2.50")
            XCTAssertEqual(forgedAgain.status, .tooManyRequests, "\(database): a forged left-hand entry changes nothing")
        }
    }

    func testForwardedForIsIgnoredWithoutTheFlag() async throws {
        try await SecurityFixture.each(settings: { $0.failuresPerAddress = 3; $0.failuresPerUsername = 10 }) { fixture, database in
            try await fixture.addUser("chen.jie", .supervisor)
            for attempt in 1...3 {
                let response = try await signIn(fixture, "chen.jie", "guess \(attempt)", from: "192.0.2.\(attempt)")
                XCTAssertEqual(response.status, .unauthorized, database)
            }
            let another = try await signIn(fixture, "chen.jie", SecurityFixture.password, from: "192.0.2.99")
            XCTAssertEqual(another.status, .tooManyRequests, "\(database): the header is not believed, so every attempt came from one address")
        }
    }

    func testSigningInGivesANewSessionId() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("fixation", .supervisor)
            let browser = Browser(app: fixture.app)
            _ = try await browser.get("/login")
            let planted = try XCTUnwrap(browser.sessionId, "the sign-in form's session carries its CSRF token")
            let signIn = try await browser.post("/login", ["username": "fixation", "password": SecurityFixture.password])
            XCTAssertEqual(signIn.status, .seeOther, database)
            let signedIn = try XCTUnwrap(browser.sessionId)
            XCTAssertNotEqual(planted, signedIn, database)

            let attacker = Browser(app: fixture.app)
            let stale = try await attacker.get("/", headers: ["Cookie": "arrears_session=\(planted)"])
            XCTAssertEqual(stale.status, .seeOther, "the id known before sign-in is worth nothing: \(database)")
        }
    }

    func testTheSessionCookieIsHttpOnlyAndSameSiteLaxAndSecureOverHTTPS() async throws {
        try await SecurityFixture.each { fixture, database in
            let plain = try await fixture.app.sendRequest(.GET, "/login")
            let cookie = try XCTUnwrap(plain.headers.first(name: .setCookie), database)
            XCTAssertTrue(cookie.contains("HttpOnly"), cookie)
            XCTAssertTrue(cookie.contains("SameSite=Lax"), cookie)
            XCTAssertFalse(cookie.contains("Secure"), cookie)
            let proxied = try await fixture.app.sendRequest(.GET, "/login", headers: ["X-Forwarded-Proto": "https"])
            XCTAssertTrue(try XCTUnwrap(proxied.headers.first(name: .setCookie)).contains("Secure"), database)
        }
        try await SecurityFixture.each(settings: { $0.secureCookies = true }) { fixture, database in
            let response = try await fixture.app.sendRequest(.GET, "/login")
            XCTAssertTrue(try XCTUnwrap(response.headers.first(name: .setCookie)).contains("Secure"), database)
        }
    }

    func testASessionSurvivesARestartOfTheServer() async throws {
        try await SecurityFixture.each { fixture, database in
            let browser = try await fixture.signedIn(.supervisor)
            let restarted = try await SecurityFixture.make(fixture.store)
            let again = Browser(app: restarted.app)
            let page = try await again.get("/", headers: ["Cookie": "arrears_session=\(try XCTUnwrap(browser.sessionId))"])
            XCTAssertEqual(page.status, .ok, "another server process reads the same session: \(database)")
            try await restarted.app.asyncShutdown()
        }
    }

    func testAnIdleSessionExpires() async throws {
        // Expiry is stored to the second, so a session may end up to a second before its timeout:
        // three seconds leave the sign-in form's own session alive on a slow machine.
        try await SecurityFixture.each(settings: { $0.sessionIdleTimeout = 3 }) { fixture, database in
            let browser = try await fixture.signedIn(.supervisor)
            try await Task.sleep(nanoseconds: 4_500_000_000)
            let page = try await browser.get("/")
            XCTAssertEqual(page.status, .seeOther, database)
        }
    }

    func testSignInWithoutTheFormsCSRFTokenIsForbidden() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("csrf", .supervisor)
            let fresh = Browser(app: fixture.app)
            let noSession = try await fresh.post("/login", ["username": "csrf", "password": SecurityFixture.password], csrf: false)
            XCTAssertEqual(noSession.status, .forbidden, database)
            _ = try await fresh.get("/login")
            let forged = try await fresh.post("/login", ["username": "csrf", "password": SecurityFixture.password, "csrf_token": "forged"], csrf: false)
            XCTAssertEqual(forged.status, .forbidden, database)
            let page = try await fresh.get("/")
            XCTAssertEqual(page.status, .seeOther, "not signed in: \(database)")
        }
    }

    func testSigningOutNeedsTheCSRFTokenAndEndsTheSession() async throws {
        try await SecurityFixture.each { fixture, database in
            let browser = try await fixture.signedIn(.supervisor)
            let session = try XCTUnwrap(browser.sessionId)
            let forged = try await browser.post("/logout", ["csrf_token": "forged"], csrf: false)
            XCTAssertEqual(forged.status, .forbidden, database)
            let stillIn = try await browser.get("/")
            XCTAssertEqual(stillIn.status, .ok, "a forged sign-out does nothing: \(database)")

            let signOut = try await browser.post("/logout")
            XCTAssertEqual(signOut.status, .seeOther, database)
            XCTAssertEqual(signOut.headers.first(name: .location), "/login")
            let signedOut = try await browser.get("/")
            XCTAssertEqual(signedOut.status, .seeOther, database)
            let replayed = try await Browser(app: fixture.app).get("/", headers: ["Cookie": "arrears_session=\(session)"])
            XCTAssertEqual(replayed.status, .seeOther, "the old cookie is dead on the server too: \(database)")
        }
    }

    func testAPageAsksSignedOutVisitorsToSignInAndBringsThemBack() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("back", .supervisor)
            let browser = Browser(app: fixture.app)
            let page = try await browser.get("/runs?lang=en")
            XCTAssertEqual(page.status, .seeOther, database)
            let location = try XCTUnwrap(page.headers.first(name: .location))
            XCTAssertEqual(location, "/login?next=/runs%3Flang%3Den")
            let signIn = try await browser.signIn("back", SecurityFixture.password, next: "/runs?lang=en")
            XCTAssertEqual(signIn.headers.first(name: .location), "/runs?lang=en", database)
        }
    }

    func testNextNeverLeavesTheSite() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("open.redirect", .supervisor)
            for next in ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=1"] {
                let response = try await Browser(app: fixture.app).signIn("open.redirect", SecurityFixture.password, next: next)
                XCTAssertEqual(response.headers.first(name: .location), "/supervisor", "\(next) \(database)")
            }
        }
    }
}
