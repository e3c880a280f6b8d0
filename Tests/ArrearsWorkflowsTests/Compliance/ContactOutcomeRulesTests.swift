import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import XCTest

/// The rules of logging a contact attempt and applying its outcome (`ContactOutcomes`) on records
/// kept in memory (`InMemoryContactOutcomes`); `ContactOutcomeTests` and
/// `ContactOutcomeCommandTests` log them through the API and the CLI on both databases.
final class ContactOutcomeRulesTests: XCTestCase {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// The shipped China pack (which keeps the channels a customer accepts) and `config/outcomes.yaml`.
    let policy = try! PolicyConfig.load(fromDirectory: ContactOutcomeRulesTests.packageRoot.appendingPathComponent("config").path)
    /// 10:00 in Shanghai.
    let morning = ContactRecords.instant("2026-11-23T02:00:00Z")!
    /// 23:30 in Shanghai: within the quiet hours.
    let lateEvening = ContactRecords.instant("2026-11-23T15:30:00Z")!

    func records() -> InMemoryContactOutcomes {
        let records = InMemoryContactOutcomes()
        records.checks.add("C1", CustomerStanding(customerId: "C1", timeZone: TimeZone(identifier: "Asia/Shanghai"),
                                                  contactPoints: [ContactPoint.mobile: ContactPoint(id: ContactPoint.mobile, kind: .own)]))
        return records
    }

    func log(_ id: String, _ outcome: ContactAttempt.Outcome, at instant: Date? = nil, customer: String = "C1", details: OutcomeRules.Details = .init(),
             on records: InMemoryContactOutcomes) async throws -> ContactOutcomes.Logged {
        let attempt = ContactRecords.NewAttempt(id: id, customerId: customer, channel: .call, contactPoint: ContactPoint.mobile, at: instant ?? morning,
                                                outcome: outcome, note: nil)
        return try await ContactOutcomes.log(attempt, details: details, settings: policy, by: "user:li", at: attempt.at, records: records)
    }

    func said(_ logged: ContactOutcomes.Logged) -> [String] { logged.consequences.map { "\($0.kind) \($0.detail)" } }

    func testADisputeSetsItsFlagAndOpensItsReviewOnceAndAnAttemptSeenBeforeChangesNothing() async throws {
        let records = records()
        let first = try await log("A1", .dispute, on: records)
        XCTAssertTrue(first.verdict.allowed)
        XCTAssertEqual(first.recorded, ContactRecords.Recorded(breachedRule: nil, breachReason: nil, overrideId: nil))
        XCTAssertEqual(said(first), ["flag dispute", "task compliance/dispute_review"])
        XCTAssertEqual(first.consequences.map(\.id), [records.flags.first?.id, records.tasks.first?.id])

        let retried = try await log("A1", .dispute, on: records)
        XCTAssertNil(retried.recorded, "the same attempt sent again is recorded once")
        XCTAssertTrue(retried.consequences.isEmpty)
        let second = try await log("A2", .dispute, on: records)
        XCTAssertNotNil(second.recorded)
        XCTAssertTrue(second.consequences.isEmpty, "an open dispute flag and its open review are not made twice")
        XCTAssertEqual(records.flags.map(\.kind), [.dispute])
        XCTAssertEqual(records.tasks.map(\.attemptId), ["A1"])
        XCTAssertEqual(records.auditActions, ["contact_attempt_recorded", "flag_added", "outcome_task_opened", "contact_attempt_recorded"])
    }

    func testTheChannelsACustomerAcceptsReplaceTheLastOnesFromTheDayBefore() async throws {
        let records = records()
        let first = try await log("A1", .ceaseRequest, details: .init(acceptedChannels: [.sms, .letter]), on: records)
        XCTAssertEqual(said(first), ["flag accepted_channels: letter,sms"])
        let nextWeek = morning.addingTimeInterval(7 * 86_400)
        let second = try await log("A2", .ceaseRequest, at: nextWeek, details: .init(acceptedChannels: []), on: records)
        XCTAssertEqual(said(second), ["flag accepted_channels: none"])
        XCTAssertEqual(records.flags.map(\.value), ["letter,sms", ""])
        XCTAssertEqual(records.flags.map(\.lastDay), [LocalDate(iso: "2026-11-29"), nil], "the last request ends the day before the new one")
        XCTAssertEqual(records.auditActions.filter { $0.hasPrefix("flag_") }, ["flag_added", "flag_ended", "flag_added"])
        let refusal = try await log("A3", .refusal, at: nextWeek, on: records)
        XCTAssertTrue(refusal.consequences.isEmpty, "a refusal without channels leaves the accepted ones as they are")
        XCTAssertEqual(records.flags.count, 2)
    }

    func testAnOutcomeWithoutWhatItNeedsIsRefusedBeforeAnythingIsWritten() async throws {
        let records = records()
        let tomorrow = morning.addingTimeInterval(86_400)
        let attempts: [(ContactAttempt.Outcome, OutcomeRules.Details, String)] = [
            (.callback, .init(), "callback_at"),
            (.ceaseRequest, .init(), "accepted_channels"),
            (.dispute, .init(callbackAt: tomorrow), "callback_at"),
            (.callback, .init(callbackAt: morning.addingTimeInterval(31 * 86_400)), "callback_at"),
        ]
        for (index, (outcome, details, field)) in attempts.enumerated() {
            do {
                _ = try await log("A\(index)", outcome, details: details, on: records)
                XCTFail("\(outcome) with \(details) must be refused")
            } catch let error as OutcomeError {
                XCTAssertEqual(error.field, field, "\(outcome)")
            }
        }
        do {
            _ = try await log("A9", .dispute, customer: "C404", on: records)
            XCTFail("an attempt on no such customer is not recorded")
        } catch ContactRecordError.unknownCustomer(let id) {
            XCTAssertEqual(id, "C404")
        }
        XCTAssertTrue(records.attempts.isEmpty)
        XCTAssertTrue(records.flags.isEmpty && records.tasks.isEmpty && records.appointments.isEmpty)
        XCTAssertTrue(records.auditActions.isEmpty)
    }

    func testACallbackIsAnAppointmentAndAWrongPartyMarksThePointEvenWhenTheAttemptWasABreach() async throws {
        let records = records()
        let agreed = morning.addingTimeInterval(86_400)
        let callback = try await log("A1", .callback, details: .init(callbackAt: agreed), on: records)
        XCTAssertEqual(said(callback), ["appointment 2026-11-24T02:00:00Z"])
        let appointment = try XCTUnwrap(records.appointments[callback.consequences.first?.id ?? ""])
        XCTAssertEqual(appointment, Appointment(channel: .call, startsAt: agreed, endsAt: agreed.addingTimeInterval(30 * 60), notifiedAt: morning))

        let wrong = try await log("A2", .wrongParty, at: lateEvening, on: records)
        XCTAssertFalse(wrong.verdict.allowed)
        XCTAssertEqual(wrong.recorded?.breachedRule, "cn.quiet-hours", "a call in the quiet hours is recorded as the breach it was")
        XCTAssertEqual(said(wrong), ["contact_point mobile: wrong_party"])
        XCTAssertNil(wrong.consequences.first?.id)
        XCTAssertEqual(records.markedPoints, ["C1/mobile: wrong_party"])
    }
}
