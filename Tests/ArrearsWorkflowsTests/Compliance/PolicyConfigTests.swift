import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// `config/policy.yaml` and the packs: a bank may tighten a pack, never loosen it, and every
/// mistake names its file and line.
final class PolicyConfigTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-policy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("policies"), withIntermediateDirectories: true)
        for file in ["universal.yaml", "cn.yaml", "us-reg-f.yaml", "uk-fca.yaml", "holidays.yaml"] {
            try FileManager.default.copyItem(atPath: ShippedPacksTests.config + "/policies/" + file, toPath: directory.appendingPathComponent("policies/" + file).path)
        }
    }

    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func settings(_ yaml: String) throws -> PolicySettings {
        try yaml.write(to: directory.appendingPathComponent("policy.yaml"), atomically: true, encoding: .utf8)
        return try PolicyConfig.load(fromDirectory: directory.path)
    }

    private func error(_ yaml: String) -> ConfigError? {
        do { _ = try settings(yaml); return nil } catch { return error as? ConfigError }
    }

    func testTheShippedSelectionIsChinaWithContactsAtTenLocal() throws {
        let shipped = try PolicyConfig.load(fromDirectory: ShippedPacksTests.config)
        XCTAssertEqual(shipped.pack.id, "cn")
        XCTAssertEqual(shipped.dailyRunContactMinute, 600)
        XCTAssertTrue(shipped.pack.rules.first!.id.hasPrefix("universal."), "universal rules come first")
        for rule in shipped.pack.rules {
            XCTAssertFalse(rule.description.isEmpty || rule.source.isEmpty, rule.id)
        }
        XCTAssertEqual(shipped.pack.holidays.holiday(on: LocalDate(iso: "2026-02-17")!), "春节")
    }

    func testATightenedCapApplies() throws {
        let tightened = try settings("""
            pack: cn
            tighten:
              cn.call-attempts-per-contact-point: { max: 4 }
              cn.quiet-hours: { from: "21:00", to: "09:00" }
            """)
        let standing = CustomerStanding(customerId: "C1", timeZone: TimeZone(identifier: "Asia/Shanghai"),
                                        contactPoints: [ContactPoint.mobile: ContactPoint(id: ContactPoint.mobile, kind: .own)],
                                        attempts: (0..<4).map { ContactAttempt(at: ContactRecords.date("2026-11-24T02:00:00Z")!.addingTimeInterval(Double($0) * 60),
                                                                               channel: .call, contactPoint: ContactPoint.mobile, outcome: .noAnswer) })
        XCTAssertEqual(tightened.pack.check(ContactRequest(channel: .call, at: ContactRecords.date("2026-11-24T04:00:00Z")!), for: standing).rule,
                       "cn.call-attempts-per-contact-point")
        XCTAssertEqual(tightened.pack.check(ContactRequest(channel: .sms, at: ContactRecords.date("2026-11-24T00:30:00Z")!),
                                            for: CustomerStanding(customerId: "C1", timeZone: standing.timeZone, contactPoints: standing.contactPoints)).rule,
                       "cn.quiet-hours", "08:30 is quiet under the tightened hours")
    }

    func testLooseningIsRefusedWithTheLine() {
        let loosened = error("""
            pack: cn
            tighten:
              cn.call-attempts-per-contact-point: { max: 10 }
            """)
        XCTAssertEqual(loosened?.line, 3)
        XCTAssertTrue(loosened?.message.contains("would loosen the rule") ?? false, "\(String(describing: loosened))")
        let narrower = error("""
            pack: cn
            tighten:
              cn.quiet-hours: { from: "23:00", to: "08:00" }
            """)
        XCTAssertTrue(narrower?.message.contains("does not cover") ?? false, "\(String(describing: narrower))")
        XCTAssertTrue(error("pack: cn\ntighten:\n  cn.no-such-rule: { max: 1 }\n")?.message.contains("has no such rule") ?? false)
    }

    func testAnUnknownPackOrABrokenRuleNamesTheFileAndLine() throws {
        let unknown = error("pack: mars\n")
        XCTAssertTrue(unknown?.message.contains("packs here: cn, uk-fca, us-reg-f") ?? false, "\(String(describing: unknown))")
        let pack = directory.appendingPathComponent("policies/cn.yaml")
        var text = try String(contentsOf: pack, encoding: .utf8)
        text = text.replacingOccurrences(of: "    max: 6\n", with: "    max: six\n")
        try text.write(to: pack, atomically: true, encoding: .utf8)
        let broken = error("pack: cn\n")
        XCTAssertEqual(broken?.file, pack.path)
        XCTAssertEqual(broken?.line, text.components(separatedBy: "\n").firstIndex(of: "    max: six")! + 1)
        XCTAssertTrue(broken?.message.contains("max must be a whole number") ?? false, "\(String(describing: broken))")
    }

    func testOnlyTheQuietHoursOfTheShippedCnPackMayBeOverriddenAndATighteningKeepsIt() throws {
        let shipped = try PolicyConfig.load(fromDirectory: ShippedPacksTests.config)
        XCTAssertEqual(shipped.pack.rules.filter { $0.override == .reasonRequired }.map(\.id), ["cn.quiet-hours"])
        let night = CustomerStanding(customerId: "C1", timeZone: TimeZone(identifier: "Asia/Shanghai"),
                                     contactPoints: [ContactPoint.mobile: ContactPoint(id: ContactPoint.mobile, kind: .own)])
        let blocked = shipped.pack.check(ContactRequest(channel: .call, at: ContactRecords.date("2026-11-23T22:57:00Z")!), for: night)
        XCTAssertTrue(shipped.pack.allowsOverride(of: blocked), "06:57 in Shanghai: quiet hours, which a reason may pass")
        XCTAssertFalse(shipped.pack.allowsOverride(of: .block(PolicyPack.unevaluable, "no time zone")), "what cannot be evaluated is never overridden")
        let tightened = try settings("pack: cn\ntighten:\n  cn.quiet-hours: { from: \"21:00\", to: \"09:00\" }\n")
        XCTAssertEqual(tightened.pack.rule("cn.quiet-hours")?.override, .reasonRequired)
    }

    func testAnOverrideOtherThanReasonRequiredIsRefusedNamingTheField() throws {
        let pack = directory.appendingPathComponent("policies/cn.yaml")
        var text = try String(contentsOf: pack, encoding: .utf8)
        text = text.replacingOccurrences(of: "    override: reason_required\n", with: "    override: always\n")
        try text.write(to: pack, atomically: true, encoding: .utf8)
        let refused = error("pack: cn\n")
        XCTAssertEqual(refused?.file, pack.path)
        XCTAssertEqual(refused?.line, text.components(separatedBy: "\n").firstIndex(of: "    override: always")! + 1)
        XCTAssertTrue(refused?.message.contains("override must be reason_required") ?? false, "\(String(describing: refused))")
    }
}
