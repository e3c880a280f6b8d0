import ArrearsStore
import Foundation
import XCTest

/// `arrears user add`, `arrears user list` and `arrears token create` as an administrator runs them.
final class UserCommandTests: XCTestCase {
    private var cli: CommandRunner!

    override func setUpWithError() throws { cli = try CommandRunner() }
    override func tearDown() { cli.remove() }

    func testAddedUsersAreListedAndTheAdditionIsAuditedWithoutThePassword() throws {
        let typed = try cli.run(["user", "add", "--username", "wang.fang", "--role", "collector", "--display-name", "王芳",
                                 "--agent-id", "c-wang-fang", "--team", "north", "--password-stdin"] + cli.databaseOption,
                                input: "a typed password 1\n")
        XCTAssertEqual(typed.status, 0, typed.stderr)
        XCTAssertEqual(typed.stdout, "", "a typed password is never echoed")
        let generated = try cli.run(["user", "add", "--username", "boss", "--role", "admin"] + cli.databaseOption)
        XCTAssertEqual(generated.status, 0, generated.stderr)
        let password = try XCTUnwrap(generated.stdout.split(separator: "\n").first { $0.hasPrefix("password: ") }?.dropFirst(10))
        XCTAssertEqual(password.count, 20)

        let list = try cli.run(["user", "list"] + cli.databaseOption)
        XCTAssertEqual(list.status, 0, list.stderr)
        let lines = list.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6).joined(separator: ",") }
        XCTAssertEqual(lines, ["username,display_name,role,agent_id,team,active", "boss,boss,admin,,,true", "wang.fang,王芳,collector,c-wang-fang,north,true"])

        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31"] + cli.databaseOption)
        XCTAssertEqual(export.stdout.components(separatedBy: "add_user").count - 1, 2, export.stdout)
        XCTAssertFalse(export.stdout.contains("a typed password") || export.stdout.contains(String(password)) || export.stdout.contains("$2b$"))
    }

    func testBadUsersAreRefused() throws {
        XCTAssertEqual(try cli.run(["user", "add", "--username", "li", "--role", "supervisor"] + cli.databaseOption).status, 0)
        let cases: [([String], String?, Int32, String)] = [
            (["--username", "li", "--role", "legal"], nil, 1, "exists already"),
            (["--username", "Li Lei", "--role", "legal"], nil, 64, "not a valid username"),
            (["--username", "x'; DROP TABLE users; --", "--role", "legal"], nil, 64, "not a valid username"),
            (["--username", "new", "--role", "king"], nil, 64, "role"),
            (["--username", "new", "--role", "collector", "--agent-id", "c-nobody"], nil, 1, "not an agent"),
            (["--username", "new", "--role", "admin", "--password-stdin"], "short\n", 1, "at least 12"),
        ]
        for (arguments, input, status, message) in cases {
            let result = try cli.run(["user", "add"] + arguments + cli.databaseOption, input: input)
            XCTAssertEqual(result.status, status, arguments.joined(separator: " "))
            XCTAssertTrue(result.stderr.contains(message), result.stderr)
        }
        let list = try cli.run(["user", "list"] + cli.databaseOption)
        XCTAssertEqual(list.stdout.split(separator: "\n").count, 2, "only li: \(list.stdout)")
    }

    func testAnAdminSetsAUsersTimeZoneAndTheListShowsIt() throws {
        let added = try cli.run(["user", "add", "--username", "li", "--role", "supervisor", "--time-zone", "Europe/London"] + cli.databaseOption)
        XCTAssertEqual(added.status, 0, added.stderr)
        XCTAssertEqual(try cli.run(["user", "add", "--username", "wu", "--role", "field_agent"] + cli.databaseOption).status, 0)
        func zones() throws -> [String] {
            let list = try cli.run(["user", "list"] + cli.databaseOption)
            XCTAssertEqual(list.status, 0, list.stderr)
            return list.stdout.split(separator: "\n").map { line in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return "\(fields.first ?? ""):\(fields.last ?? "")"
            }
        }
        XCTAssertEqual(try zones(), ["username:time_zone", "li:Europe/London", "wu:"], "no zone: the bank's")

        let set = try cli.run(["user", "set-time-zone", "wu", "Asia/Urumqi"] + cli.databaseOption)
        XCTAssertEqual(set.status, 0, set.stderr)
        let reset = try cli.run(["user", "set-time-zone", "li", "bank"] + cli.databaseOption)
        XCTAssertEqual(reset.status, 0, reset.stderr)
        XCTAssertEqual(try zones(), ["username:time_zone", "li:", "wu:Asia/Urumqi"])

        let unknown = try cli.run(["user", "set-time-zone", "wu", "Mars/Olympus_Mons"] + cli.databaseOption)
        XCTAssertEqual(unknown.status, 64)
        XCTAssertTrue(unknown.stderr.contains("'Mars/Olympus_Mons' is not an IANA time zone"), unknown.stderr)
        let unknownOnAdd = try cli.run(["user", "add", "--username", "zhao", "--role", "legal", "--time-zone", "Europe/Londn"] + cli.databaseOption)
        XCTAssertEqual(unknownOnAdd.status, 64)
        XCTAssertTrue(unknownOnAdd.stderr.contains("'Europe/Londn' is not an IANA time zone"), unknownOnAdd.stderr)
        let nobody = try cli.run(["user", "set-time-zone", "nobody", "Europe/London"] + cli.databaseOption)
        XCTAssertEqual(nobody.status, 1)
        XCTAssertTrue(nobody.stderr.contains("no active user named 'nobody'"), nobody.stderr)
        XCTAssertEqual(try zones(), ["username:time_zone", "li:", "wu:Asia/Urumqi"], "nothing changed by the refusals")

        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31"] + cli.databaseOption)
        XCTAssertEqual(export.stdout.components(separatedBy: "set_user_time_zone").count - 1, 2, export.stdout)
    }

    func testATokenIsPrintedOnceAndItsCreationAudited() throws {
        XCTAssertEqual(try cli.run(["user", "add", "--username", "sms-gateway", "--role", "gateway"] + cli.databaseOption).status, 0)
        let created = try cli.run(["token", "create", "--username", "sms-gateway", "--label", "delivery reports", "--days", "30"] + cli.databaseOption)
        XCTAssertEqual(created.status, 0, created.stderr)
        let token = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertTrue(token.hasPrefix("arr_") && token.count > 40, token)
        XCTAssertTrue(created.stderr.contains("expires"), created.stderr)
        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31"] + cli.databaseOption)
        XCTAssertTrue(export.stdout.contains("create_api_token") && export.stdout.contains("delivery reports"), export.stdout)
        XCTAssertFalse(export.stdout.contains(token))

        let unknown = try cli.run(["token", "create", "--username", "nobody"] + cli.databaseOption)
        XCTAssertEqual(unknown.status, 1)
        XCTAssertTrue(unknown.stderr.contains("no active user named 'nobody'"), unknown.stderr)
    }
}
