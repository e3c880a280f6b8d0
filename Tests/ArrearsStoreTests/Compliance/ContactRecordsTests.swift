import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// Contact attempts, flags and agreed times in the database, and `ContactCheck` reading them:
/// what a collector records counts at once, for every collector together.
final class ContactRecordsTests: XCTestCase {
    private func withCustomer(_ body: (Store, String, PolicySettings) async throws -> Void) async throws {
        let policy = try PolicyConfig.load(fromDirectory: ShippedConfig.directory)
        try await TestDatabases.each { store, database in
            let files = try CSVFiles()
            defer { files.remove() }
            let customers = try files.write("customers.csv", [
                "customer_id,name,mobile,email,address,region,time_zone,language,credit_rating",
                "C1,王芳,13800138000,wf@example.com,上海市浦东新区世纪大道100号,上海,Asia/Shanghai,zh-CN,B",
                "C2,Amy,,,,,Europe/London,en,A",
            ])
            let result = try await store.importCollecting(.customers, customers)
            XCTAssertFalse(result.rejected, "\(result.issues)")
            try await body(store, database, policy)
        }
    }

    private let noon = ContactRecords.date("2026-11-24T04:00:00Z")!

    private func check(_ store: Store, _ policy: PolicySettings, _ customer: String = "C1", channel: ContactChannel = .call,
                       at: Date? = nil, point: String? = nil) async throws -> PolicyDecision {
        try await ContactCheck.check(customerId: customer, ContactRequest(channel: channel, at: at ?? noon, contactPoint: point),
                                     settings: policy, on: store.sql)
    }

    private func attempt(_ store: Store, _ id: String, minutesBefore: Int, outcome: ContactAttempt.Outcome = .noAnswer,
                         point: String = ContactPoint.mobile) async throws -> Bool {
        try await store.transaction { [noon] db in
            try await ContactRecords.recordAttempt(.init(id: id, customerId: "C1", channel: .call, contactPoint: point,
                                                         at: noon.addingTimeInterval(-Double(minutesBefore) * 60), outcome: outcome, note: nil),
                                                   breach: nil, by: "user:c001", on: db)
        }
    }

    func testAttemptsCountTowardTheCapAtOnceAndARetriedAttemptCountsOnce() async throws {
        try await withCustomer { store, database, policy in
            for index in 0..<5 { _ = try await attempt(store, "A\(index)", minutesBefore: 60 + index) }
            let allowed = try await check(store, policy)
            XCTAssertTrue(allowed.allowed, database)
            let retriedAgain = try await attempt(store, "A4", minutesBefore: 1)
            XCTAssertFalse(retriedAgain, "\(database): the same attempt again records nothing")
            let stillAllowed = try await check(store, policy).allowed
            XCTAssertTrue(stillAllowed, database)
            let sixthRecorded = try await attempt(store, "A5", minutesBefore: 1)
            XCTAssertTrue(sixthRecorded, database)
            let blocked = try await check(store, policy)
            XCTAssertEqual(blocked.rule, "cn.call-attempts-per-contact-point", database)
            XCTAssertEqual(blocked.nextAllowedAt.map(ContactRecords.timestamp), "2026-11-25T00:00:00Z", database)
            let attempts = try await store.count("contact_attempts")
            XCTAssertEqual(attempts, 6, database)
            let verification = try await AuditLog.verify(on: store.sql)
            XCTAssertNil(verification.firstBreak, database)
            let audited = try await store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'contact_attempt_recorded'")
            XCTAssertEqual(audited, 6, database)
        }
    }

    func testAnInvalidNumberOpensThirdPartiesAndAFlagBlocksUntilItEnds() async throws {
        try await withCustomer { store, database, policy in
            try await store.transaction { db in
                try await ContactRecords.addContactPoint(customerId: "C1", id: "employer", kind: .thirdParty, label: "employer", by: "test", on: db)
            }
            let beforeInvalid = try await check(store, policy, channel: .thirdParty, point: "employer").rule
            XCTAssertEqual(beforeInvalid, "cn.third-parties", database)
            _ = try await attempt(store, "X1", minutesBefore: 30, outcome: .invalidNumber)
            // What an invalid number does is the outcome's consequence (`ContactOutcomes`, config/outcomes.yaml).
            try await store.transaction { db in
                try await ContactRecords.markContactPoint(customerId: "C1", id: ContactPoint.mobile, reason: "invalid_number", by: "test", on: db)
            }
            let allowed = try await check(store, policy, channel: .thirdParty, point: "employer")
            XCTAssertTrue(allowed.allowed, "\(database): \(allowed)")
            XCTAssertFalse(allowed.conditions.isEmpty, database)

            let flagId = try await store.transaction { db in
                try await ContactRecords.addFlag(CustomerFlag(kind: .dispute), customerId: "C1", note: "written dispute", by: "test", on: db)
            }
            // The mobile is no longer used at all (`universal.unusable-contact-point`); the e-mail is.
            let sms = try await check(store, policy, channel: .sms).rule
            XCTAssertEqual(sms, "universal.unusable-contact-point", database)
            let whileDisputed = try await check(store, policy, channel: .email).rule
            XCTAssertEqual(whileDisputed, "universal.dispute", database)
            try await store.transaction { db in try await ContactRecords.endFlag(flagId, lastDay: LocalDate(iso: "2026-11-23")!, by: "test", on: db) }
            let afterDispute = try await check(store, policy, channel: .email).allowed
            XCTAssertTrue(afterDispute, "\(database): the dispute was verified yesterday")
            let ended = try await store.sql.raw("SELECT details FROM audit_log WHERE action = 'flag_ended'").first()!.decode(column: "details", as: String.self)
            XCTAssertTrue(ended.contains(#""ends_on_after":"2026-11-23""#), ended)
        }
    }

    func testUnknownCustomersAndMissingContactPointsBlockAndBadRecordsAreRefused() async throws {
        try await withCustomer { store, database, policy in
            let unknownRule = try await check(store, policy, "NOPE").rule
            XCTAssertEqual(unknownRule, PolicyPack.unevaluable, database)
            let noMobileReason = try await check(store, policy, "C2", channel: .sms).reason
            XCTAssertEqual(noMobileReason, "the customer has no contact point 'mobile' on file", database)
            do {
                try await store.transaction { db in
                    try await ContactRecords.addFlag(CustomerFlag(kind: .preferredHours, value: "evenings"), customerId: "C1", note: nil, by: "test", on: db)
                }
                XCTFail("\(database): preferred hours must be HH:MM-HH:MM")
            } catch let error as ContactRecordError {
                XCTAssertEqual(error.field, "value", database)
            }
            do {
                try await store.transaction { db in
                    try await ContactRecords.addFlag(CustomerFlag(kind: .dispute), customerId: "C9' OR '1'='1", note: nil, by: "test", on: db)
                }
                XCTFail("\(database): unknown customer")
            } catch let error as ContactRecordError {
                XCTAssertEqual(error, .unknownCustomer("C9' OR '1'='1"), database)
            }
            let flags = try await store.count("customer_flags")
            XCTAssertEqual(flags, 0, "\(database): nothing half-written")
        }
    }

    func testAnAgreedLateCallIsAllowedOnlyInItsWindow() async throws {
        try await withCustomer { store, database, policy in
            let start = ContactRecords.date("2026-11-24T14:30:00Z")!
            try await store.transaction { db in
                try await ContactRecords.addAppointment(customerId: "C1", Appointment(channel: .call, startsAt: start, endsAt: start.addingTimeInterval(1800),
                                                                                      notifiedAt: nil), by: "test", on: db)
            }
            let withinAgreedTime = try await check(store, policy, at: start.addingTimeInterval(600)).allowed
            XCTAssertTrue(withinAgreedTime, "\(database): 22:40 as agreed")
            let afterAgreedTime = try await check(store, policy, at: start.addingTimeInterval(3600)).rule
            XCTAssertEqual(afterAgreedTime, "cn.quiet-hours", database)
        }
    }
}
