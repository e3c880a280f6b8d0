import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// What a supervisor and a field team read of visits, on rows kept in memory (`InMemoryVisits`):
/// the queue awaiting dispatch, a visit's photos, a team's day. `VisitBookTests`,
/// `VisitPhotoTests` and `VisitCancellationTests` check the same on both databases.
final class VisitReadWorkflowTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-23T02:00:00Z")!
    let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    func workflow() -> (VisitWorkflow, InMemoryVisits) {
        let rows = InMemoryVisits()
        return (VisitWorkflow(records: rows, places: VisitPlaces()), rows)
    }

    /// A visit dispatched to `agentId` on `caseId`, its window starting at `startsAt` (UTC).
    func visit(_ id: String, caseId: String, agentId: String = "f-shanghai", startsAt: String, rows: InMemoryVisits) async throws {
        let start = try XCTUnwrap(ContactRecords.instant(startsAt))
        let stored = try await rows.insert(NewVisit(id: id, caseId: caseId, customerId: "C-" + caseId, agentId: agentId, startsAt: start,
                                                    endsAt: start.addingTimeInterval(7_200), location: nil, appointmentId: "APT-" + id, noticeId: "N-" + id,
                                                    dispatchedBy: "user:boss", dispatchedAt: now))
        XCTAssertTrue(stored, id)
    }

    func error(of work: () async throws -> Any) async -> Error? {
        do { _ = try await work(); return nil } catch { return error }
    }

    func testTheQueueOffersEachOpenCaseOnceByItsLatestTaskUntilItHasAnOpenVisit() async throws {
        let (visits, rows) = workflow()
        for (caseId, status) in [("K1", "open"), ("K2", "closed"), ("K3", "open"), ("K4", "open")] {
            rows.addCase(caseId, customerId: "C-" + caseId, status: status)
        }
        rows.addVisitTask("T1a", caseId: "K1", day: "2026-11-22", priority: 9)
        rows.addVisitTask("T1b", caseId: "K1", day: "2026-11-23", priority: 1)
        rows.addVisitTask("T2", caseId: "K2", day: "2026-11-23", priority: 9)
        rows.addVisitTask("T3", caseId: "K3", day: "2026-11-23", priority: 3)
        rows.addVisitTask("T4", caseId: "K4", day: "2026-11-23", priority: 5)
        try await visit("V4", caseId: "K4", startsAt: "2026-11-25T02:00:00Z", rows: rows)

        let queue = try await visits.awaitingDispatch()
        XCTAssertEqual(queue.map(\.taskId), ["T3", "T1b"], "the latest day's tasks by priority, a case once, none closed or with an open visit")
        let first = try await visits.awaitingDispatch(limit: 1)
        XCTAssertEqual(first.map(\.caseId), ["K3"])
        let none = try await visits.awaitingDispatch(limit: 0)
        XCTAssertEqual(none, [])

        let lookedUp = try await visits.candidate(caseId: "K1")
        XCTAssertEqual(lookedUp?.taskId, nil)
        XCTAssertEqual(lookedUp?.region, "上海")
        let closed = try await visits.candidate(caseId: "K2")
        XCTAssertNil(closed, "a closed case takes no visit")
        rows.setStatus("V4", .done)
        let reported = try await visits.awaitingDispatch()
        XCTAssertEqual(reported.map(\.taskId), ["T4", "T3", "T1b"], "a reported visit leaves the case's task in the queue")
    }

    func testAPhotoIsTheTeamsOwnAtMostTenAndReadOnlyWithItsRecord() async throws {
        let (visits, rows) = workflow()
        try await visit("V1", caseId: "K1", startsAt: "2026-11-25T02:00:00Z", rows: rows)
        let photo = AttachmentUpload(field: "photo", fileName: "door.jpg", declaredType: "image/jpeg", bytes: SampleFiles.jpeg)
        let otherTeam = await error { try await visits.addPhoto("V1", photo, agentId: "f-beijing", by: "user:fb", now: self.now) }
        XCTAssertEqual((otherTeam as? WorkbenchError)?.field, "id")
        let script = AttachmentUpload(field: "photo", fileName: "door.jpg", declaredType: "image/jpeg", bytes: SampleFiles.script)
        let notAPhoto = await error { try await visits.addPhoto("V1", script, agentId: "f-shanghai", by: "user:fs", now: self.now) }
        XCTAssertEqual((notAPhoto as? AttachmentError)?.field, "photo")

        var stored: [StoredAttachment] = []
        for _ in 0..<VisitBook.maximumPhotos {
            stored.append(try await visits.addPhoto("V1", photo, agentId: "f-shanghai", by: "user:fs", now: now))
        }
        let eleventh = await error { try await visits.addPhoto("V1", photo, agentId: "f-shanghai", by: "user:fs", now: self.now) }
        guard case .invalid("photo", _)? = eleventh as? AttachmentError else { return XCTFail("\(String(describing: eleventh))") }
        let listed = try await visits.photos(of: "V1")
        XCTAssertEqual(listed.map(\.id), stored.map(\.id))
        XCTAssertEqual(rows.auditActions, Array(repeating: "visit_photo_added", count: VisitBook.maximumPhotos))

        let otherTeamReads = await error { try await visits.photo("V1", attachment: stored[0].id, agentId: "f-beijing", by: "user:fb", now: self.now) }
        XCTAssertEqual((otherTeamReads as? WorkbenchError)?.field, "id")
        let unknown = await error { try await visits.photo("V1", attachment: "ATT-NOPE", agentId: nil, by: "user:boss", now: self.now) }
        XCTAssertEqual((unknown as? AttachmentError)?.field, "attachment_id")
        XCTAssertEqual(rows.auditActions.last, "visit_photo_added", "a refused read records nothing")

        let read = try await visits.photo("V1", attachment: stored[0].id, agentId: nil, by: "user:boss", now: now)
        XCTAssertEqual(read.bytes, SampleFiles.jpeg)
        let view = try XCTUnwrap(rows.auditEvents.last)
        XCTAssertEqual([view.action, view.actor, view.subject, view.details["sha256"]], ["view_personal_data", "user:boss", "C-K1", stored[0].sha256])
    }

    func testADayInTheBanksZoneHoldsTheVisitsStartingOnItThereAndCancelledOnesOnlyWhenAsked() async throws {
        let (visits, rows) = workflow()
        try await visit("V1", caseId: "K1", startsAt: "2026-11-24T17:00:00Z", rows: rows)
        try await visit("V2", caseId: "K2", startsAt: "2026-11-25T03:00:00Z", rows: rows)
        try await visit("V3", caseId: "K3", startsAt: "2026-11-25T05:00:00Z", rows: rows)
        try await visit("V4", caseId: "K4", agentId: "f-beijing", startsAt: "2026-11-25T02:00:00Z", rows: rows)
        try await visit("V5", caseId: "K5", startsAt: "2026-11-25T17:00:00Z", rows: rows)
        rows.setStatus("V3", .cancelled)
        let day = LocalDate(iso: "2026-11-25")!

        let utc = try await visits.day(day, agentId: nil)
        XCTAssertEqual(utc.map(\.id), ["V4", "V2", "V5"], "teams in name order, no cancelled visit")
        let withCancelled = try await visits.day(day, agentId: nil, includingCancelled: true)
        XCTAssertEqual(withCancelled.map(\.id), ["V4", "V2", "V5", "V3"], "a cancelled visit after its team's route")
        let local = try await visits.day(day, agentId: "f-shanghai", in: shanghai)
        XCTAssertEqual(Set(local.map(\.id)), ["V1", "V2"], "01:00 on the 25th in Shanghai is the 24th in UTC; 01:00 on the 26th is not the 25th")
    }
}
