import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// `GET /api/v1/tokens` and `DELETE /api/v1/tokens/:id` (issue 22): a user lists and revokes
/// their own tokens, an admin anyone's; a revoked token is refused from the next request on; a
/// disabled user's session and tokens end at once.
final class TokensAPITests: XCTestCase {
    private func issue(_ fixture: SecurityFixture, _ user: User, label: String) async throws -> (token: String, id: String) {
        let issued = try await APITokens.issue(for: user, label: label, actor: "test", on: fixture.store)
        return (issued.token, issued.record.id)
    }

    func testAUserListsAndRevokesTheirOwnTokensAndTheRevokedOneIsRefusedAtOnce() async throws {
        try await SecurityFixture.each { fixture, database in
            let zhang = try await fixture.addUser("zhang", .collector, agentId: "c-zhang-wei")
            let li = try await fixture.addUser("li", .collector, agentId: "c-li-na")
            let laptop = try await issue(fixture, zhang, label: "laptop")
            let phone = try await issue(fixture, zhang, label: "phone")
            let lis = try await issue(fixture, li, label: "scripts")

            let listed = try await fixture.api(.GET, "/api/v1/tokens", token: laptop.token)
            XCTAssertEqual(listed.status, .ok, database)
            let items = try XCTUnwrap(listed.json["items"] as? [[String: Any]], database)
            XCTAssertEqual(Set(items.compactMap { $0["id"] as? String }), [laptop.id, phone.id], "\(database): only zhang's own")
            XCTAssertEqual(Set(items.compactMap { $0["label"] as? String }), ["laptop", "phone"], database)
            XCTAssertTrue(items.allSatisfy { $0["username"] as? String == "zhang" && $0["expires_at"] is String && $0["token"] == nil }, database)

            let othersToken = try await fixture.api(.DELETE, "/api/v1/tokens/\(lis.id)", token: laptop.token)
            XCTAssertEqual(othersToken.status, .notFound, "\(database): another user's token is not found")
            let lisStill = try await fixture.api(.GET, "/api/v1/tokens", token: lis.token)
            XCTAssertEqual(lisStill.status, .ok, database)

            let revoked = try await fixture.api(.DELETE, "/api/v1/tokens/\(phone.id)", token: laptop.token)
            XCTAssertEqual(revoked.status, .noContent, database)
            let refused = try await fixture.api(.GET, "/api/v1/tokens", token: phone.token)
            XCTAssertEqual(refused.status, .unauthorized, "\(database): the very next request")
            let remaining = try await fixture.api(.GET, "/api/v1/tokens", token: laptop.token)
            XCTAssertEqual((remaining.json["items"] as? [[String: Any]])?.count, 1, database)
            let entry = try await fixture.auditEntries().first { $0.action == "revoke_api_token" }
            XCTAssertEqual(entry?.actor, "user:zhang", database)
            XCTAssertTrue(entry?.details.contains(phone.id) ?? false, database)
            let twice = try await fixture.api(.DELETE, "/api/v1/tokens/\(phone.id)", token: laptop.token)
            XCTAssertEqual(twice.status, .notFound, database)
        }
    }

    func testAnAdminListsAndRevokesAnyonesTokens() async throws {
        try await SecurityFixture.each { fixture, database in
            let li = try await fixture.addUser("li", .collector, agentId: "c-li-na")
            let lis = try await issue(fixture, li, label: "scripts")
            let admin = try await fixture.token(.admin, username: "root")
            let listed = try await fixture.api(.GET, "/api/v1/tokens", token: admin)
            let usernames = (listed.json["items"] as? [[String: Any]])?.compactMap { $0["username"] as? String } ?? []
            XCTAssertEqual(Set(usernames), ["li", "root"], database)
            let revoked = try await fixture.api(.DELETE, "/api/v1/tokens/\(lis.id)", token: admin)
            XCTAssertEqual(revoked.status, .noContent, database)
            let refused = try await fixture.api(.GET, "/api/v1/tokens", token: lis.token)
            XCTAssertEqual(refused.status, .unauthorized, database)
            let anonymous = try await fixture.api(.GET, "/api/v1/tokens")
            XCTAssertEqual(anonymous.status, .unauthorized, database)
        }
    }

    func testDisablingAUserEndsTheirSessionAndTokensAtOnce() async throws {
        try await SecurityFixture.each { fixture, database in
            let chen = try await fixture.addUser("chen", .supervisor)
            let token = try await issue(fixture, chen, label: "scripts")
            let browser = Browser(app: fixture.app)
            let signedIn = try await browser.signIn("chen", SecurityFixture.password)
            XCTAssertEqual(signedIn.status, .seeOther, database)
            let before = try await browser.get("/supervisor")
            XCTAssertEqual(before.status, .ok, database)

            let ended = try await UserDirectory.disable(username: "chen", actor: "cli", on: fixture.store)
            XCTAssertEqual(ended.tokens, 1, database)
            XCTAssertEqual(ended.sessions, 1, database)
            let after = try await browser.get("/supervisor")
            XCTAssertEqual(after.status, .seeOther, "\(database): signed out")
            let refused = try await fixture.api(.GET, "/api/v1/tokens", token: token.token)
            XCTAssertEqual(refused.status, .unauthorized, database)
            let audit = try await fixture.auditEntries().first { $0.action == "disable_user" }
            XCTAssertEqual(audit?.subject, "user:chen", database)
        }
    }
}
