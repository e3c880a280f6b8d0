import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import XCTest

/// `arrears token list|revoke` and `arrears user disable` as an administrator runs them, against
/// a running `arrears serve`: what they end stops working at the server's next request.
final class TokenCommandTests: ServedCommandTestCase {
    static let password = "a password for the token tests"

    private func addUser(_ username: String, role: String = "supervisor") throws {
        let added = try cli.run(["user", "add", "--username", username, "--role", role, "--password-stdin"] + cli.databaseOption, input: Self.password + "\n")
        XCTAssertEqual(added.status, 0, added.stderr)
    }

    private func token(_ username: String, label: String) throws -> String {
        let created = try cli.run(["token", "create", "--username", username, "--label", label] + cli.databaseOption)
        XCTAssertEqual(created.status, 0, created.stderr)
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The token list's rows after its header, each split into its columns.
    private func listed(_ extra: [String] = []) throws -> [[String]] {
        let list = try cli.run(["token", "list"] + extra + cli.databaseOption)
        XCTAssertEqual(list.status, 0, list.stderr)
        let lines = list.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(lines.first, ["id", "username", "label", "created_at", "expires_at"])
        return Array(lines.dropFirst())
    }

    /// Starts `arrears serve` on a free port and waits until /health answers.
    private func serve() async throws -> URL {
        let port = FreePort.pick()
        server = try cli.start(["serve", "--port", String(port), "--resources", CommandRunner.packageRoot.path] + cli.databaseOption)
        let base = URL(string: "http://127.0.0.1:\(port)")!
        if await CommandRunner.awaitHealth(base.absoluteString, of: server) { return base }
        XCTFail("the server did not answer /health within \(Int(CommandRunner.startDeadline)) seconds")
        return base
    }

    /// The status of `GET /api/v1/tokens` with `token`.
    private func tokensStatus(_ base: URL, _ token: String) async throws -> Int {
        var request = URLRequest(url: base.appendingPathComponent("api/v1/tokens"))
        request.setValue("Bearer " + token, forHTTPHeaderField: "Authorization")
        let (_, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }

    func testTokensAreListedWithoutThemselvesAndARevokedOneIsRefusedAtOnce() async throws {
        try addUser("zhang")
        try addUser("li")
        let kept = try token("zhang", label: "reports")
        let revoked = try token("zhang", label: "old laptop")
        _ = try token("li", label: "scripts")
        let all = try listed()
        XCTAssertEqual(all.map { $0[1] + " " + $0[2] }.sorted(), ["li scripts", "zhang old laptop", "zhang reports"])
        XCTAssertEqual(try listed(["--username", "li"]).map { $0[2] }, ["scripts"])
        let list = try cli.run(["token", "list"] + cli.databaseOption)
        XCTAssertFalse(list.stdout.contains(kept) || list.stdout.contains(revoked), "the tokens themselves are never shown")

        let base = try await serve()
        let revokedStatus = try await tokensStatus(base, revoked)
        XCTAssertEqual(revokedStatus, 200)
        let id = try XCTUnwrap(all.first { $0[2] == "old laptop" }?[0])
        let revoke = try cli.run(["token", "revoke", id] + cli.databaseOption)
        XCTAssertEqual(revoke.status, 0, revoke.stderr)
        let afterRevoke = try await tokensStatus(base, revoked)
        XCTAssertEqual(afterRevoke, 401, "the next request with the revoked token is refused")
        let keptStatus = try await tokensStatus(base, kept)
        XCTAssertEqual(keptStatus, 200)
        XCTAssertEqual(try listed().count, 2)

        let again = try cli.run(["token", "revoke", id] + cli.databaseOption)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("no token with id"), again.stderr)
        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31"] + cli.databaseOption)
        XCTAssertTrue(export.stdout.contains("revoke_api_token") && export.stdout.contains(id), export.stdout)
    }

    func testDisablingAUserEndsTheirSignedInSessionAndTheirTokensAtOnce() async throws {
        try addUser("chen")
        try addUser("amy")
        let chensToken = try token("chen", label: "scripts")
        let othersToken = try token("amy", label: "scripts")
        let base = try await serve()
        let browser = ServeCommandTests.Client()
        let signedIn = try await browser.signIn(at: base, username: "chen", password: Self.password)
        XCTAssertEqual(signedIn.status, 303, signedIn.body)
        let before = try await browser.fetch(URL(string: "/supervisor", relativeTo: base)!)
        XCTAssertEqual(before.status, 200)
        let tokenBefore = try await tokensStatus(base, chensToken)
        XCTAssertEqual(tokenBefore, 200)

        let disable = try cli.run(["user", "disable", "chen"] + cli.databaseOption)
        XCTAssertEqual(disable.status, 0, disable.stderr)
        XCTAssertTrue(disable.stderr.contains("1 tokens revoked, 1 sessions ended"), disable.stderr)

        let after = try await browser.fetch(URL(string: "/supervisor", relativeTo: base)!)
        XCTAssertEqual(after.status, 303, "the signed-in session is over")
        XCTAssertTrue(after.location?.contains("/login") ?? false, after.location ?? "")
        let tokenAfter = try await tokensStatus(base, chensToken)
        XCTAssertEqual(tokenAfter, 401)
        let othersStatus = try await tokensStatus(base, othersToken)
        XCTAssertEqual(othersStatus, 200, "only chen's access ended")
        let again = try await ServeCommandTests.Client().signIn(at: base, username: "chen", password: Self.password)
        XCTAssertEqual(again.status, 401, "chen cannot sign in again")
        XCTAssertEqual(try cli.run(["user", "disable", "nobody"] + cli.databaseOption).status, 1)
    }
}
