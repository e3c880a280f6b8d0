import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Every page is written into the one layout: one head with the stylesheet, `<html lang>` in the
/// language the reader chose, and the sign-out form exactly when someone is signed in.
final class LayoutTests: XCTestCase {
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.eachOnTheWorkbench(body)
    }

    /// Checks the frame of `html`; `signedIn` pages carry the sign-out form, the others none.
    private func assertLayout(_ html: String, language: Language, signedIn: Bool, stylesheet: String = "/css/arrears.css", _ page: String,
                              file: StaticString = #filePath, line: UInt = #line) {
        func count(_ piece: String) -> Int { html.components(separatedBy: piece).count - 1 }
        let words = language == .en ? ["Sign out", "中文"] : ["退出登录", "English"]
        XCTAssertTrue(html.hasPrefix("<!doctype html>\n<html lang=\"\(language.rawValue)\">\n"), "\(page): the chosen language", file: file, line: line)
        XCTAssertEqual(count("<html"), 1, page, file: file, line: line)
        XCTAssertEqual(count("<head>"), 1, "\(page): one head", file: file, line: line)
        XCTAssertEqual(count("<meta charset=\"utf-8\">"), 1, page, file: file, line: line)
        XCTAssertEqual(count("<link rel=\"stylesheet\""), 1, page, file: file, line: line)
        XCTAssertEqual(count("<link rel=\"stylesheet\" href=\"\(stylesheet)\">"), 1, "\(page): the stylesheet", file: file, line: line)
        XCTAssertEqual(count("<main"), 1, page, file: file, line: line)
        XCTAssertEqual(count(#"<form class="sign-out" method="post" action="/logout">"#), signedIn ? 1 : 0, "\(page): sign-out", file: file, line: line)
        XCTAssertEqual(count("<button type=\"submit\">\(words[0])</button></form>"), signedIn ? 1 : 0, "\(page): sign-out in its language", file: file, line: line)
        if stylesheet == "/css/arrears.css" {
            XCTAssertEqual(count("<header>"), 1, page, file: file, line: line)
        }
        if signedIn {
            XCTAssertEqual(count("<a class=\"lang\" href=\""), 1, "\(page): the switch to the other language", file: file, line: line)
            XCTAssertTrue(html.contains("\">\(words[1])</a>"), "\(page): the switch is named in the other language", file: file, line: line)
        }
    }

    func testEveryPageASignedInUserReachesHasTheLayoutInTheChosenLanguage() async throws {
        try await each { fixture, database in
            let supervisor = try await fixture.signedIn(.supervisor)
            let legal = try await fixture.signedIn(.legal)
            _ = try await legal.get("/legal")
            let opened = try await legal.post("/legal", ["case_id": "KW1", "reason": "refuses all contact"])
            XCTAssertEqual(opened.headers.first(name: .location), "/legal/LC-KW1", "\(opened.status) \(opened.body.string) on \(database)")
            let collector = try await fixture.signedIn(.collector, username: "zhang", agentId: WorkbenchFixture.collector)
            let field = try await fixture.signedIn(.fieldAgent, username: "shanghai", agentId: "f-shanghai")
            let pages: [(Browser, String, HTTPStatus)] = [
                (supervisor, "/", .ok), (supervisor, "/runs", .ok), (supervisor, "/analytics", .ok), (supervisor, "/reports/monthly", .ok),
                (supervisor, "/supervisor", .ok), (supervisor, "/visits", .ok), (legal, "/legal", .ok), (legal, "/legal/LC-KW1", .ok),
                (supervisor, "/work", .ok), (supervisor, "/work/cases/KW1", .ok),
                (collector, "/work", .ok), (collector, "/work/cases/KW1", .ok), (collector, "/work/cases/KW2", .notFound),
                (field, "/visits", .ok),
            ]
            for (browser, path, status) in pages {
                for language in [Language.en, .zhCN] {
                    let page = try await browser.get("\(path)?lang=\(language.rawValue)")
                    XCTAssertEqual(page.status, status, "\(path) on \(database)")
                    assertLayout(page.body.string, language: language, signedIn: true, "\(path) in \(language.rawValue) on \(database)")
                }
            }
            let payBy = LocalDate.today().adding(days: 10).description
            let letter = try await legal.post("/legal/LC-KW1/demand-letter", ["pay_by": payBy, "language": "en"])
            let printed = try await legal.get(try XCTUnwrap(letter.headers.first(name: .location), database) + "?lang=zh-CN")
            XCTAssertEqual(printed.status, .ok, database)
            assertLayout(printed.body.string, language: .en, signedIn: false, stylesheet: "/css/legal-letter.css", "the letter, in its own language, on \(database)")
            XCTAssertFalse(printed.body.string.contains("<header>"), "nothing but the letter to print on \(database)")
        }
    }

    func testPagesForPeopleWhoAreNotSignedInHaveNoSignOut() async throws {
        try await each { fixture, database in
            let attempt = ContactRecords.NewAttempt(id: "ATT-layout", customerId: "CW1", channel: .call, contactPoint: "mobile", at: Date(),
                                                    outcome: .rightPartyContact, note: nil)
            _ = try await ContactRecords.recordAttempt(attempt, breach: nil, by: "collector", on: fixture.store.sql)
            let selfService = "/s/" + SelfServiceLink.token(customerId: "CW1", businessDate: LocalDate.today(), signer: fixture.store.links)
            let pages: [(String, HTTPStatus)] = [
                ("/login", .ok), (selfService, .ok), (RatingLink.path(attemptId: "ATT-layout", signer: fixture.store.links), .ok),
                ("/s/forged", .notFound), ("/feedback/forged", .notFound), ("/no-such-page", .notFound),
            ]
            for (path, status) in pages {
                for language in [Language.en, .zhCN] {
                    let page = try await fixture.app.sendRequest(.GET, "\(path)?lang=\(language.rawValue)")
                    XCTAssertEqual(page.status, status, "\(path) on \(database)")
                    assertLayout(page.body.string, language: language, signedIn: false, "\(path) in \(language.rawValue) on \(database)")
                }
            }
            let signedIn = try await fixture.signedIn(.supervisor)
            let missing = try await signedIn.get("/no-such-page?lang=en")
            assertLayout(missing.body.string, language: .en, signedIn: false, "an error page, even signed in, on \(database)")
        }
    }
}
