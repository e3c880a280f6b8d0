import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTVapor

/// Finding an inbound caller (issue 25, "Search"), on the page and through the API, on
/// `WorkbenchFixture`'s book: 王芳 (CW1, KW1) and 李雷 (CW3, KW3) are in `c-zhang-wei`'s queue,
/// John Smith (CW2, KW2, account AW2) is `c-li-na`'s.
final class CustomerSearchTests: XCTestCase {
    private let reason = "customer rang the hotline about a payment"
    private let johnsMobile = "+85291234567"

    /// The book, with John Smith's mobile sealed and hashed as an import stores it when the
    /// store has a data key.
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await SecurityFixture.each { fixture, database in
            try await WorkbenchFixture.load(into: fixture.store)
            let store = fixture.store
            try await store.sql.raw("""
                UPDATE customers SET mobile = \(bind: store.sealField(johnsMobile)), mobile_hash = \(bind: store.lookupHash(.mobile, johnsMobile))
                WHERE id = 'CW2'
                """).run()
            try await body(fixture, database)
        }
    }

    private func zhang(_ fixture: SecurityFixture) async throws -> (token: String, browser: Browser) {
        let user = try await fixture.addUser("zhang", .collector, agentId: WorkbenchFixture.collector)
        let token = try await APITokens.issue(for: user, label: "test", actor: "test", on: fixture.store).token
        let browser = Browser(app: fixture.app)
        let signedIn = try await browser.signIn("zhang", SecurityFixture.password)
        XCTAssertEqual(signedIn.status, .seeOther)
        return (token, browser)
    }

    func testACollectorFindsAnInboundCallerByMobileAndOpensTheCaseForTheCallWithAReason() async throws {
        try await each { fixture, database in
            let zhang = try await zhang(fixture)
            let form = try await zhang.browser.get("/search?lang=en")
            XCTAssertEqual(form.status, .ok, database)
            XCTAssertTrue(form.body.string.contains(#"<form id="search" method="post""#), database)

            let found = try await zhang.browser.post("/search?lang=en", ["query": "+852 9123-4567", "mobile_ending": ""])
            XCTAssertEqual(found.status, .ok, database)
            let page = found.body.string
            XCTAssertTrue(page.contains("John Smith"), database)
            XCTAssertTrue(page.contains("<td>mobile</td>"), "\(database): says how the customer was matched")
            XCTAssertTrue(page.contains(#"action="/work/cases/KW2/access?lang=en""#), "\(database): not zhang's: the form that opens it for the call")
            XCTAssertFalse(page.contains(#"href="/work/cases/KW2"#), database)

            let lookup = try await fixture.auditEntries().last { $0.action == "lookup_personal_data" }
            XCTAssertEqual(lookup?.actor, "user:zhang", database)
            XCTAssertFalse(lookup?.details.contains("9123") ?? true, "\(database): the typed number is never recorded")
            XCTAssertTrue(lookup?.details.contains("mobile") ?? false, database)

            let opened = try await zhang.browser.post("/work/cases/KW2/access?lang=en", ["reason": reason])
            XCTAssertEqual(opened.status, .seeOther, database)
            let again = try await zhang.browser.post("/search?lang=en", ["query": "John", "mobile_ending": ""])
            XCTAssertTrue(again.body.string.contains(#"href="/work/cases/KW2?lang=en""#), "\(database): opened for the call, the case is a link")
            let casePage = try await zhang.browser.get("/work/cases/KW2?lang=en")
            XCTAssertEqual(casePage.status, .ok, database)
        }
    }

    func testNamesAccountsAndTheMobileEndingNarrowTheSearch() async throws {
        try await each { fixture, database in
            let zhang = try await zhang(fixture)
            _ = try await zhang.browser.get("/search")

            let byName = try await zhang.browser.post("/search?lang=en", ["query": "李", "mobile_ending": ""])
            XCTAssertTrue(byName.body.string.contains("李雷"), database)
            XCTAssertTrue(byName.body.string.contains(#"href="/work/cases/KW3?lang=en""#), "\(database): zhang's own customer opens straight away")
            XCTAssertFalse(byName.body.string.contains("王芳"), "\(database): a prefix of the name, not any customer")

            let ending = try await zhang.browser.post("/search?lang=en", ["query": "王", "mobile_ending": "8000"])
            XCTAssertTrue(ending.body.string.contains("王芳"), database)
            XCTAssertTrue(ending.body.string.contains("name and mobile ending"), database)
            let wrongEnding = try await zhang.browser.post("/search?lang=en", ["query": "王", "mobile_ending": "9999"])
            XCTAssertTrue(wrongEnding.body.string.contains(#"id="no-results""#), database)

            let byAccount = try await zhang.browser.post("/search", ["query": "AW2", "mobile_ending": ""])
            XCTAssertTrue(byAccount.body.string.contains("John Smith"), database)
            XCTAssertTrue(byAccount.body.string.contains("账号"), "\(database): the Chinese page names the match in Chinese")

            let bad = try await zhang.browser.post("/search?lang=en", ["query": "王", "mobile_ending": "12"])
            XCTAssertEqual(bad.status, .unprocessableEntity, database)
            XCTAssertTrue(bad.body.string.contains(#"id="form-error""#), database)
            XCTAssertTrue(bad.body.string.contains(#"value="王""#), "\(database): what was typed stays in the form")
        }
    }

    func testTheAPISearchesTheSameWayAndOnlyForCollectorsAndSupervisors() async throws {
        try await each { fixture, database in
            let zhang = try await zhang(fixture)
            let found = try await fixture.api(.POST, "/api/v1/customers/search", token: zhang.token, json: #"{"query":"\#(johnsMobile)"}"#)
            XCTAssertEqual(found.status, .ok, database)
            let results = try XCTUnwrap(found.json["results"] as? [[String: Any]], database)
            XCTAssertEqual(results.count, 1, database)
            XCTAssertEqual(results.first?["customer_id"] as? String, "CW2", database)
            XCTAssertEqual(results.first?["matched_by"] as? String, "mobile", database)
            XCTAssertEqual(results.first?["open_case_id"] as? String, "KW2", database)
            XCTAssertEqual(results.first?["in_scope"] as? Bool, false, database)

            for (body, field) in [(#"{"query":"  "}"#, "query"), (#"{"query":"王","mobile_ending":"12a4"}"#, "mobile_ending")] {
                let refused = try await fixture.api(.POST, "/api/v1/customers/search", token: zhang.token, json: body)
                XCTAssertEqual(refused.status, .unprocessableEntity, "\(database): \(body)")
                XCTAssertEqual(refused.error["field"], field, body)
            }
            let nobody = try await fixture.api(.POST, "/api/v1/customers/search", token: zhang.token, json: #"{"query":"no such person"}"#)
            XCTAssertEqual((nobody.json["results"] as? [Any])?.count, 0, database)

            let supervisor = try await fixture.token(.supervisor)
            let all = try await fixture.api(.POST, "/api/v1/customers/search", token: supervisor, json: #"{"query":"AW2"}"#)
            XCTAssertEqual(((all.json["results"] as? [[String: Any]])?.first?["in_scope"]) as? Bool, true, "\(database): supervisors see every customer")
            let strategist = try await fixture.token(.strategyManager)
            let answer = try await fixture.api(.POST, "/api/v1/customers/search", token: strategist, json: #"{"query":"AW2"}"#).status
            XCTAssertEqual(answer, .forbidden, database)
        }
    }

    func testWithADataKeyTheNumberIsFoundByItsKeyedHashAndTheEndingByOpeningTheSealedNumber() async throws {
        try await SecurityFixture.sealed { fixture in
            let store = fixture.store
            try await WorkbenchFixture.load(into: store)
            for (id, mobile) in [("CW1", "13800138000"), ("CW2", johnsMobile)] {
                try await store.sql.raw("""
                    UPDATE customers SET mobile = \(bind: store.sealField(mobile)), mobile_hash = \(bind: store.lookupHash(.mobile, mobile)) WHERE id = \(bind: id)
                    """).run()
            }
            let stored = try await store.sql.raw("SELECT mobile FROM customers WHERE id = 'CW2'").first()?.decode(column: "mobile", as: String.self)
            XCTAssertTrue(stored?.hasPrefix("enc1:") ?? false, "sealed at rest")
            let zhang = try await zhang(fixture)
            let byNumber = try await fixture.api(.POST, "/api/v1/customers/search", token: zhang.token, json: #"{"query":"+852 9123-4567"}"#)
            XCTAssertEqual((byNumber.json["results"] as? [[String: Any]])?.first?["customer_id"] as? String, "CW2")
            let byEnding = try await fixture.api(.POST, "/api/v1/customers/search", token: zhang.token, json: #"{"query":"王","mobile_ending":"8000"}"#)
            XCTAssertEqual((byEnding.json["results"] as? [[String: Any]])?.first?["matched_by"] as? String, "name_and_mobile_ending")
            let lookups = try await fixture.auditEntries().filter { $0.action == "lookup_personal_data" }
            XCTAssertEqual(lookups.count, 2)
            XCTAssertFalse(lookups.contains { $0.details.contains("9123") || $0.details.contains("8000") }, "no typed number in the log")
        }
    }
}
