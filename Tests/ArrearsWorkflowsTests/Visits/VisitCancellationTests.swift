import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// Calling a field visit off before it is made: the agreed time no longer permits a visit, the
/// customer is told in their language, the team's day loses the stop. On `WorkbenchFixture`'s
/// book (customers in Shanghai), with windows from today on.
final class VisitCancellationTests: XCTestCase {
    let now = Date()

    /// 10:00 in Shanghai, `days` days from today there (or the next day that is not a holiday):
    /// inside the contact hours.
    func tenInShanghai(in days: Int) -> Date {
        let holidays = (try? PolicyConfig.loadPack("cn", directory: ShippedPacksTests.config).holidays) ?? HolidayCalendar(name: "none")
        return ShanghaiMorning.tenOClock(daysAhead: days, from: now, skipping: holidays)
    }

    /// The tests' visits never fall on a holiday: two days after 2026-12-30 in Shanghai is 元旦.
    func testTheTestsVisitMorningStepsOverAHoliday() throws {
        let holidays = try PolicyConfig.loadPack("cn", directory: ShippedPacksTests.config).holidays
        let format = ISO8601DateFormatter()
        func morning(from now: String) throws -> String {
            format.string(from: ShanghaiMorning.tenOClock(daysAhead: 2, from: try XCTUnwrap(format.date(from: now)), skipping: holidays))
        }
        XCTAssertEqual(try morning(from: "2026-12-29T03:00:00Z"), "2026-12-31T02:00:00Z")
        XCTAssertEqual(try morning(from: "2026-12-30T03:00:00Z"), "2027-01-02T02:00:00Z")
    }

    func dispatch(_ book: VisitBook, _ caseId: String) async throws -> StoredVisit {
        let start = tenInShanghai(in: 2)
        return try await book.dispatch(.init(caseId: caseId, agentId: "f-shanghai", startsAt: start, endsAt: start.addingTimeInterval(7_200), location: nil),
                                       teams: VisitTeams(configured: FieldTeams.all), by: "user:boss", now: now)
    }

    /// The cn pack's verdict on two collectors with identification at the customer's door at
    /// 11:00 on the visit's day.
    func visitAllowed(_ visit: StoredVisit, _ store: Store) async throws -> PolicyDecision {
        let settings = PolicySettings(pack: try PolicyConfig.loadPack("cn", directory: ShippedPacksTests.config))
        let request = ContactRequest(channel: .visit, at: ContactRecords.date(visit.startsAt)!.addingTimeInterval(3_600), contactPoint: ContactPoint.address,
                                     visitors: 2, identificationShown: true)
        return try await ContactCheck.check(customerId: visit.customerId, request, settings: settings, on: store.sql)
    }

    func testCancellingVoidsTheAppointmentTellsTheCustomerAndIsAudited() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = VisitBook(store: store, places: VisitPlaces())
            let visit = try await dispatch(book, "KW1")
            let agreed = try await visitAllowed(visit, store)
            XCTAssertTrue(agreed.allowed, "\(database): dispatched, the visit is agreed: \(agreed)")

            let cancelled = try await book.cancel(visit.id, reason: "  the customer paid in full  ", by: "user:boss", now: now)
            XCTAssertEqual(cancelled.status, .cancelled, database)
            XCTAssertEqual(cancelled.cancelReason, "the customer paid in full", database)
            XCTAssertEqual(cancelled.cancelledBy, "user:boss", database)
            XCTAssertEqual(cancelled.cancelledAt, ContactRecords.timestamp(now), database)

            let refused = try await visitAllowed(visit, store)
            XCTAssertFalse(refused.allowed, "\(database): a cancelled visit is no agreed time")
            XCTAssertEqual(refused.rule, "cn.field-visits", database)
            XCTAssertEqual(refused.reason, "no visit without a time agreed with the customer in advance", database)

            let word = try await OutboxRepository.find(id: visit.id + ":cancelled", on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(word?.message.recipient, "13800138000", database)
            XCTAssertEqual(word?.message.language, "zh-CN", database)
            XCTAssertEqual(word?.message.body.contains("10:00-12:00") == true && word?.message.body.contains("已取消") == true, true,
                           "\(database): the window in Shanghai time, in Chinese: \(word?.message.body ?? "nothing queued")")
            XCTAssertEqual(word?.message.body.contains("王芳"), false, "\(database): the SMS names neither the customer nor the debt")

            let audit = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql)
            let entry = audit.first { $0.action == "visit_cancelled" }
            XCTAssertEqual(entry?.actor, "user:boss", database)
            XCTAssertEqual(entry?.details.contains("the customer paid in full"), true, database)
            XCTAssertEqual(entry?.details.contains(visit.id + ":cancelled"), true, "\(database): the audit names the SMS")
            XCTAssertTrue(audit.contains { $0.action == "appointment_cancelled" && $0.details.contains(visit.appointmentId) }, database)
        }
    }

    func testAnEnglishSpeakingCustomerIsToldInEnglish() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            try await store.sql.raw("UPDATE customers SET language = 'en' WHERE id = 'CW2'").run()
            let book = VisitBook(store: store, places: VisitPlaces())
            let visit = try await dispatch(book, "KW2")
            _ = try await book.cancel(visit.id, reason: "the customer asked for a call instead", by: "user:boss", now: now)
            let word = try await OutboxRepository.find(id: visit.id + ":cancelled", on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(word?.message.language, "en", database)
            XCTAssertEqual(word?.message.body.hasPrefix("The visit of our field officers planned for"), true, "\(database): \(word?.message.body ?? "")")
            XCTAssertEqual(word?.message.body.contains("between 10:00 and 12:00 is cancelled"), true, database)
        }
    }

    func testOnlyAVisitNotYetReportedCanBeCancelledAndACancelledOneIsNeitherConfirmedNorReported() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = VisitBook(store: store, places: VisitPlaces())
            func refusal(_ body: () async throws -> StoredVisit) async -> String? {
                do { _ = try await body(); return nil } catch let error as WorkbenchError { return error.field } catch { return "\(error)" }
            }
            let visit = try await dispatch(book, "KW1")
            let blank = await refusal { try await book.cancel(visit.id, reason: " \n ", by: "user:boss", now: now) }
            XCTAssertEqual(blank, "reason", database)
            let long = await refusal { try await book.cancel(visit.id, reason: String(repeating: "x", count: 2_001), by: "user:boss", now: now) }
            XCTAssertEqual(long, "reason", database)
            let unknown = await refusal { try await book.cancel("VISIT-nope", reason: "paid", by: "user:boss", now: now) }
            XCTAssertEqual(unknown, "id", database)
            let untouched = try await book.find(visit.id, agentId: nil)
            XCTAssertEqual(untouched?.status, .dispatched, "\(database): a refused cancel changes nothing")

            _ = try await book.confirm(visit.id, agentId: "f-shanghai", by: "user:field", now: now)
            _ = try await book.cancel(visit.id, reason: "the customer paid in full", by: "user:boss", now: now)
            let twice = await refusal { try await book.cancel(visit.id, reason: "again", by: "user:boss", now: now) }
            XCTAssertEqual(twice, "status", database)
            let report = VisitReport(met: .customer, visitors: 2, identificationShown: true, twoCollectorsPresent: true, situation: nil, difficulty: nil, promise: nil,
                                     plan: nil, note: nil, photos: [])
            let reported = await refusal { try await book.report(visit.id, report, agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:field", now: now) }
            XCTAssertEqual(reported, "status", database)
            let confirmed = await refusal { try await book.confirm(visit.id, agentId: "f-shanghai", by: "user:field", now: now) }
            XCTAssertEqual(confirmed, "status", database)
            let attempts = try await store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, "\(database): nothing reported on a cancelled visit")
            let cancelNotices = try await store.scalar("SELECT COUNT(*) AS n FROM outbox_messages WHERE id LIKE '%:cancelled'")
            XCTAssertEqual(cancelNotices, 1, "\(database): the customer is told once")

            let done = try await dispatch(book, "KW3")
            _ = try await book.report(done.id, report, agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:field",
                                      now: tenInShanghai(in: 2).addingTimeInterval(1_800))
            let afterReport = await refusal { try await book.cancel(done.id, reason: "too late", by: "user:boss", now: now) }
            XCTAssertEqual(afterReport, "status", "\(database): a reported visit stays reported")
        }
    }

    func testACancelledVisitLeavesTheTeamsDayAndFollowsTheRouteForSupervisors() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = VisitBook(store: store, places: VisitPlaces())
            let kept = try await dispatch(book, "KW1")
            let called = try await dispatch(book, "KW3")
            _ = try await book.cancel(called.id, reason: "the customer moved", by: "user:boss", now: now)
            let day = LocalDate(iso: String(kept.startsAt.prefix(10)))!
            let team = try await book.day(day, agentId: "f-shanghai")
            XCTAssertEqual(team.map(\.id), [kept.id], "\(database): the team does not go")
            let everyone = try await book.day(day, agentId: nil, includingCancelled: true)
            XCTAssertEqual(everyone.map(\.id), [kept.id, called.id], "\(database): the supervisor sees what was called off, after the route")
        }
    }
}
