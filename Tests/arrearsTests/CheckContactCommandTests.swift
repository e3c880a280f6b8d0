import Foundation
import XCTest

/// `arrears check-contact`, `flag` and `contact` as a bank's scripts and a compliance officer use
/// them: JSON on stdout, exit 0 when allowed and 3 when blocked.
final class CheckContactCommandTests: XCTestCase {
    private var cli: CommandRunner!
    private var options: [String] { cli.databaseOption + ["--config", CommandRunner.packageRoot.appendingPathComponent("config").path] }

    override func setUpWithError() throws {
        cli = try CommandRunner()
        let customers = try cli.file("customers.csv", [
            "customer_id,name,mobile,email,address,region,time_zone,language,credit_rating",
            "C1,王芳,13800138000,wf@example.com,上海市浦东新区世纪大道100号,上海,Asia/Shanghai,zh-CN,B",
        ])
        let imported = try cli.run(["import", "customers", customers] + cli.databaseOption)
        XCTAssertEqual(imported.status, 0, imported.stderr)
    }

    override func tearDown() { cli.remove() }

    private func check(_ extra: [String]) throws -> (status: Int32, json: [String: Any]) {
        let result = try cli.run(["check-contact", "--customer", "C1"] + extra + options)
        let json = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result.status, json)
    }

    func testAllowedExitsZeroAndBlockedExitsThreeWithTheRuleAndNextMoment() throws {
        let noon = try check(["--channel", "call", "--at", "2026-11-24T12:00:00+08:00"])
        XCTAssertEqual(noon.status, 0)
        XCTAssertEqual(noon.json["allowed"] as? Bool, true)
        XCTAssertTrue(noon.json["rule"] is NSNull, "every key is printed, null when it does not apply")

        let night = try check(["--channel", "sms", "--at", "2026-11-24T23:15:00+08:00"])
        XCTAssertEqual(night.status, 3)
        XCTAssertEqual(night.json["allowed"] as? Bool, false)
        XCTAssertEqual(night.json["rule"] as? String, "cn.quiet-hours")
        XCTAssertEqual(night.json["next_allowed_at"] as? String, "2026-11-25T00:00:00Z")
        XCTAssertTrue((night.json["reason"] as? String)?.contains("22:00 to 08:00") ?? false)

        let stranger = try check(["--channel", "call", "--at", "2026-11-24T12:00:00+08:00", "--contact-point", "neighbour"])
        XCTAssertEqual(stranger.status, 3, "an unknown contact point cannot be evaluated, so it blocks")
        XCTAssertEqual(stranger.json["rule"] as? String, "universal.evaluable")
        let bad = try cli.run(["check-contact", "--customer", "C1", "--channel", "fax", "--at", "soon"] + options)
        XCTAssertEqual(bad.status, 64, bad.stderr)
    }

    func testFlagsAndLoggedAttemptsChangeTheAnswerAtOnceAndAreAudited() throws {
        let flag = try cli.run(["flag", "add", "--customer", "C1", "--flag", "cease", "--channel", "call", "--note", "asked on 2026-11-23"] + options)
        XCTAssertEqual(flag.status, 0, flag.stderr)
        let flagId = flag.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(try check(["--channel", "call", "--at", "2026-11-24T12:00:00+08:00"]).json["rule"] as? String, "universal.do-not-contact")
        XCTAssertEqual(try check(["--channel", "sms", "--at", "2026-11-24T12:00:00+08:00"]).status, 0, "the cease request was for calls")
        let ended = try cli.run(["flag", "end", "--id", flagId, "--on", "2026-11-23"] + options)
        XCTAssertEqual(ended.status, 0, ended.stderr)
        XCTAssertEqual(try check(["--channel", "call", "--at", "2026-11-24T12:00:00+08:00"]).status, 0)

        for minute in 0..<3 {
            let logged = try cli.run(["contact", "log", "--customer", "C1", "--channel", "call", "--at", "2026-11-24T10:0\(minute):00+08:00",
                                      "--outcome", "right_party_contact", "--id", "CALL-\(minute)"] + options)
            XCTAssertEqual(logged.status, 0, logged.stderr)
        }
        let fourth = try check(["--channel", "call", "--at", "2026-11-24T15:00:00+08:00"])
        XCTAssertEqual(fourth.json["rule"] as? String, "cn.connected-calls-per-customer")
        let breach = try cli.run(["contact", "log", "--customer", "C1", "--channel", "call", "--at", "2026-11-24T15:00:00+08:00",
                                  "--outcome", "refusal", "--id", "CALL-3"] + options)
        XCTAssertEqual(breach.status, 3, "recorded, and reported as a breach")
        XCTAssertTrue(breach.stderr.contains("recorded as a breach of cn.connected-calls-per-customer"), breach.stderr)

        let verify = try cli.run(["audit", "verify"] + options)
        XCTAssertEqual(verify.status, 0, verify.stderr)
        let export = try cli.run(["audit", "export", "--from", "2000-01-01", "--to", "2199-12-31"] + options)
        for action in ["flag_added", "flag_ended", "contact_attempt_recorded"] {
            XCTAssertTrue(export.stdout.contains(action), action)
        }
        let list = try cli.run(["flag", "list", "--customer", "C1"] + options)
        XCTAssertTrue(list.stdout.contains("cease\tcall\t\t\t2026-11-23\tasked on 2026-11-23"), list.stdout)
    }

    func testPolicyShowListsEveryRuleWithItsSource() throws {
        let shown = try cli.run(["policy", "show"] + options)
        XCTAssertEqual(shown.status, 0, shown.stderr)
        XCTAssertTrue(shown.stdout.hasPrefix("pack cn: "), shown.stdout)
        for rule in ["universal.dispute", "cn.quiet-hours", "cn.third-parties", "cn.letter-content"] {
            XCTAssertTrue(shown.stdout.contains("\n\(rule)\n"), rule)
        }
        XCTAssertTrue(shown.stdout.contains("source: 12 CFR 1006.6(c)") || shown.stdout.contains("source: PIPL"), shown.stdout)
    }
}
