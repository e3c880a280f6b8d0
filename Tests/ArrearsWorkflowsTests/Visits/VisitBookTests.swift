import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

final class VisitBookTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-23T02:00:00Z")!
    let places = VisitPlaces(centroids: ["上海": GeoPoint(latitude: 31.2304, longitude: 121.4737)],
                             startPoints: ["f-shanghai": GeoPoint(latitude: 31.0, longitude: 121.0)])

    func dispatch(_ book: VisitBook, _ caseId: String, at hour: Int, _ location: GeoPoint?) async throws -> StoredVisit {
        let start = ContactRecords.instant("2026-11-25T0\(hour):00:00Z")!
        return try await book.dispatch(.init(caseId: caseId, agentId: "f-shanghai", startsAt: start, endsAt: start.addingTimeInterval(7_200),
                                             location: location), teams: VisitTeams(configured: FieldTeams.all), by: "user:boss", now: now)
    }

    func testDispatchRecordsTheAppointmentAndQueuesTheAdvanceNotice() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let visit = try await dispatch(VisitBook(store: store, places: places), "KW1", at: 2, nil)
            XCTAssertEqual(visit.status, .dispatched, database)
            XCTAssertEqual(visit.location, GeoPoint(latitude: 31.2304, longitude: 121.4737), "placed at the region's centre on \(database)")
            let notice = try await OutboxRepository.find(id: visit.noticeId, on: store.sql, openingPersonalDataWith: store)
            XCTAssertEqual(notice?.message.recipient, "13800138000", database)
            XCTAssertEqual(notice?.message.body.contains("2026-11-25 10:00-12:00"), true, "the window in Shanghai time on \(database)")
            let appointment = try await ContactRecords.load(customerId: "CW1", around: now, lookbackDays: 1, on: store.sql)
                .standing(of: "CW1", timeZone: nil, own: .init(mobile: true, email: false, address: true)).appointments
            XCTAssertEqual(appointment.map(\.channel), [.visit], database)
            XCTAssertEqual(appointment.first?.notifiedAt, now, database)
        }
    }

    func testAVisitLessThanADayAheadIsRefused() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            do {
                _ = try await VisitBook(store: store, places: places).dispatch(
                    .init(caseId: "KW1", agentId: "f-shanghai", startsAt: now.addingTimeInterval(3_600), endsAt: now.addingTimeInterval(7_200), location: nil),
                    teams: VisitTeams(configured: FieldTeams.all), by: "user:boss", now: now)
                XCTFail("dispatched without notice on \(database)")
            } catch let error as WorkbenchError {
                XCTAssertEqual(error.field, "starts_at", database)
            }
            let queued = try await store.count("outbox_messages")
            XCTAssertEqual(queued, 0, database)
        }
    }

    func testATeamsDayRunsInRouteOrderFromItsStartPoint() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = VisitBook(store: store, places: places)
            let far = try await dispatch(book, "KW1", at: 1, GeoPoint(latitude: 31.3, longitude: 121.3))
            let near = try await dispatch(book, "KW2", at: 2, GeoPoint(latitude: 31.1, longitude: 121.1))
            let middle = try await dispatch(book, "KW3", at: 3, GeoPoint(latitude: 31.2, longitude: 121.2))
            let day = try await book.day(LocalDate(iso: "2026-11-25")!, agentId: "f-shanghai")
            XCTAssertEqual(day.map(\.id), [near.id, middle.id, far.id], database)
            let otherTeams = try await book.day(LocalDate(iso: "2026-11-25")!, agentId: "f-beijing")
            XCTAssertEqual(otherTeams.count, 0, database)
        }
    }

    func testAReportRecordsTheAttemptThePromiseAndTheFollowUpOnTheCaseFile() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = VisitBook(store: store, places: places)
            let visit = try await dispatch(book, "KW1", at: 2, nil)
            let promise = PromiseBook.NewPromise(caseId: "KW1", amountMinor: 50_000, currency: "CNY", dueOn: LocalDate(iso: "2026-12-01")!)
            let report = VisitReport(met: .customer, visitors: 2, identificationShown: true, twoCollectorsPresent: true, situation: "lost job", difficulty: "income",
                                     promise: promise, plan: .init(instalments: 6, firstDate: LocalDate(iso: "2026-12-01")!), note: "calm", photos: ["door.jpg"])
            let reportedAt = ContactRecords.instant("2026-11-25T03:00:00Z")!
            let done = try await book.report(visit.id, report, agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:field", now: reportedAt)
            XCTAssertEqual(done.status, .done, database)
            let file = try await CaseFile.load(caseId: "KW1", scope: .all, now: reportedAt, policy: nil, on: store.sql)!
            XCTAssertEqual(file.attempts.first?.outcome, "visit_met", database)
            XCTAssertEqual(file.promises.first?.amountMinor, 50_000, database)
            XCTAssertEqual(file.openTasks.first { $0.id == done.followUpActionId }?.channel, "call", database)
        }
    }

    func testAnotherTeamCannotReportTheVisit() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let book = VisitBook(store: store, places: places)
            let visit = try await dispatch(book, "KW1", at: 2, nil)
            let report = VisitReport(met: .nobody, visitors: 2, identificationShown: true, twoCollectorsPresent: true, situation: nil, difficulty: nil, promise: nil,
                                     plan: nil, note: nil, photos: [])
            do {
                _ = try await book.report(visit.id, report, agentId: "f-beijing", policy: nil, limits: .standard, by: "user:other", now: now)
                XCTFail("another team reported on \(database)")
            } catch WorkbenchError.notFound {}
            let attempts = try await store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, database)
        }
    }
}
