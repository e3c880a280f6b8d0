import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The rules of checking and starting a contact (`ContactCheck`, `ContactStart`) on customers'
/// standings kept in memory (`InMemoryContactChecks`); `ContactRecordsTests` and
/// `ContactCheckBatchTests` read the same standings from both databases.
final class ContactStartRulesTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The shipped China pack: its quiet hours (22:00 to 08:00) allow an override with a reason.
    let policy = try! PolicyConfig.load(fromDirectory: ContactStartRulesTests.packageRoot.appendingPathComponent("config").path)
    /// 23:30 in Shanghai: within the quiet hours.
    let lateEvening = ContactRecords.instant("2026-11-23T15:30:00Z")!
    /// 10:00 in Shanghai.
    let morning = ContactRecords.instant("2026-11-23T02:00:00Z")!

    func records() -> InMemoryContactChecks {
        let records = InMemoryContactChecks()
        records.add("C1", CustomerStanding(customerId: "C1", timeZone: TimeZone(identifier: "Asia/Shanghai"),
                                           contactPoints: [ContactPoint.mobile: ContactPoint(id: ContactPoint.mobile, kind: .own)]))
        return records
    }

    func call(at instant: Date) -> ContactRequest { ContactRequest(channel: .call, at: instant) }

    func testAContactWithNoSuchCustomerIsBlockedAsUnevaluableNeverAllowed() async throws {
        let records = records()
        let verdict = try await ContactCheck.check(customerId: "C404", call(at: morning), settings: policy, records: records)
        XCTAssertEqual([verdict.allowed ? "allowed" : "blocked", verdict.rule], ["blocked", PolicyPack.unevaluable])
        XCTAssertEqual(verdict.reason, "there is no customer 'C404'")
        let together = try await ContactCheck.check([("C1", call(at: morning)), ("C404", call(at: morning))], at: morning, settings: policy, records: records)
        XCTAssertEqual(together.map(\.allowed), [true, false], "the batch judges each customer as one by one")
    }

    func testAnAllowedContactStartsWithoutAnOverride() async throws {
        let records = records()
        let started = try await ContactStart.start(customerId: "C1", call(at: morning), overrideReason: "not needed", settings: policy, by: "user:li",
                                                   at: morning, records: records)
        XCTAssertTrue(started.verdict.allowed)
        XCTAssertNil(started.overrideId)
        XCTAssertEqual(records.overrides.count, 0, "a reason given for an allowed contact keeps nothing")
    }

    func testAQuietHoursCallGoesAheadOnlyWithAReasonWhichIsKeptAndAudited() async throws {
        let records = records()
        do {
            _ = try await ContactStart.start(customerId: "C1", call(at: lateEvening), overrideReason: nil, settings: policy, by: "user:li",
                                             at: lateEvening, records: records)
            XCTFail("a call in the quiet hours without a reason must not start")
        } catch ContactStartError.blocked(let verdict, let overridable) {
            XCTAssertEqual(verdict.rule, "cn.quiet-hours")
            XCTAssertTrue(overridable)
        }
        do {
            _ = try await ContactStart.start(customerId: "C1", call(at: lateEvening), overrideReason: "  \n", settings: policy, by: "user:li",
                                             at: lateEvening, records: records)
            XCTFail("a blank reason is no reason")
        } catch ContactStartError.invalidReason {}
        XCTAssertEqual(records.overrides.count, 0, "a refused start keeps nothing")

        let started = try await ContactStart.start(customerId: "C1", call(at: lateEvening), overrideReason: " customer asked for a late call ",
                                                   settings: policy, by: "user:li", at: lateEvening, records: records)
        XCTAssertFalse(started.verdict.allowed)
        let kept = try XCTUnwrap(records.overrides.first)
        XCTAssertEqual(started.overrideId, kept.id)
        XCTAssertEqual([kept.customerId, kept.rule, kept.reason, kept.actor, kept.contactPoint], ["C1", "cn.quiet-hours", "customer asked for a late call", "user:li", "mobile"])
        XCTAssertEqual(kept.occurredAt, lateEvening)
        XCTAssertEqual(records.auditActions, ["contact_override"])
    }

    func testARuleThatAllowsNoOverrideStopsTheContactWhateverTheReason() async throws {
        let records = records()
        do {
            _ = try await ContactStart.start(customerId: "C404", call(at: morning), overrideReason: "I know them", settings: policy, by: "user:li",
                                             at: morning, records: records)
            XCTFail("no such customer cannot be overridden")
        } catch ContactStartError.blocked(let verdict, let overridable) {
            XCTAssertEqual(verdict.rule, PolicyPack.unevaluable)
            XCTAssertFalse(overridable)
        }
        XCTAssertEqual(records.overrides.count, 0)
    }
}
