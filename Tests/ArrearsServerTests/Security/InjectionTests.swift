import ArrearsCore
import ArrearsServer
import ArrearsStore
import Foundation
import XCTVapor

/// SQL injection in every text input the security layer reads answers with a 4xx, never a 500,
/// and leaves every table as it was.
final class InjectionTests: XCTestCase {
    static let attacks = ["' OR '1'='1", "'; DROP TABLE users; --", "C1' --", #"" OR ""=""#, "%27%20OR%201=1", "C1; DELETE FROM customers"]

    private func percentEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
    }

    private func json(_ object: [String: Any]) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    func testInjectionStringsAreRefusedAsInputAndChangeNothing() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            try await fixture.addUser("target", .admin)
            let token = try await fixture.token(.admin)
            let collector = try await fixture.token(.collector, agentId: "c-zhang-wei")
            let tables = ["users", "customers", "cases", "actions", "api_tokens", "audit_log"]
            var counts: [String: Int] = [:]
            for table in tables { counts[table] = try await fixture.store.count(table) }

            for attack in Self.attacks {
                var statuses: [(String, HTTPStatus)] = []
                let browser = Browser(app: fixture.app)
                statuses.append(("sign-in username", try await browser.signIn(attack, SecurityFixture.password).status))
                statuses.append(("sign-in password", try await Browser(app: fixture.app).signIn("target", attack).status))
                statuses.append(("next", try await Browser(app: fixture.app).signIn("nobody", "x", next: attack).status))
                statuses.append(("csrf", try await browser.post("/login", ["username": "target", "password": "x", "csrf_token": attack], csrf: false).status))
                statuses.append(("session cookie", try await fixture.app.sendRequest(.GET, "/", headers: ["Cookie": "arrears_session=\(percentEncoded(attack))"]).status))
                statuses.append(("bearer", try await fixture.api(.GET, "/api/v1/cases", token: attack).status))
                statuses.append(("token username", try await fixture.api(.POST, "/api/v1/tokens", json: json(["username": attack, "password": "x"])).status))
                statuses.append(("token password", try await fixture.api(.POST, "/api/v1/tokens", json: json(["username": "target", "password": attack])).status))
                statuses.append(("customer id", try await fixture.api(.GET, "/api/v1/customers/\(percentEncoded(attack))", token: token).status))
                statuses.append(("collector's customer id", try await fixture.api(.GET, "/api/v1/customers/\(percentEncoded(attack))", token: collector).status))
                statuses.append(("reveal id", try await fixture.api(.POST, "/api/v1/customers/\(percentEncoded(attack))/reveal", token: token,
                                                                    json: json(["fields": ["mobile"], "reason": "checking a complaint today"])).status))
                statuses.append(("reveal field", try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token,
                                                                       json: json(["fields": [attack], "reason": "checking a complaint today"])).status))
                statuses.append(("cursor", try await fixture.api(.GET, "/api/v1/cases?cursor=\(percentEncoded(attack))", token: token).status))
                statuses.append(("limit", try await fixture.api(.GET, "/api/v1/cases?limit=\(percentEncoded(attack))", token: token).status))
                statuses.append(("outbox id", try await fixture.api(.POST, "/api/v1/outbox/\(percentEncoded(attack))/status", token: token,
                                                                    json: #"{"status":"delivered"}"#).status))
                for (input, status) in statuses {
                    XCTAssertTrue((300..<500).contains(status.code), "\(input) with \(attack): \(status) \(database)")
                }
            }
            // A reason is free text: an injection string in it is stored as text, and nothing else happens.
            let reason = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token,
                                               json: json(["fields": ["mobile"], "reason": "'; DROP TABLE users; -- and more"]))
            XCTAssertEqual(reason.status, .ok, database)

            for table in ["users", "customers", "cases", "actions"] {
                let count = try await fixture.store.count(table)
                XCTAssertEqual(count, counts[table], "\(table) intact: \(database)")
            }
            let auditEntries = try await fixture.store.count("audit_log")
            XCTAssertEqual(auditEntries, counts["audit_log"]! + 1, "only the one reveal was recorded")
            let verification = try await AuditLog.verify(on: fixture.store.sql)
            XCTAssertNil(verification.firstBreak)
        }
    }
}
