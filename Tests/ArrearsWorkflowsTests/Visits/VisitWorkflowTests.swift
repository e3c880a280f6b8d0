import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTest

/// A field visit's dispatch rules and the checks before its report, on rows kept in memory
/// (`InMemoryVisits`); `VisitBookTests` checks the same book on both databases.
final class VisitWorkflowTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-23T02:00:00Z")!
    let places = VisitPlaces(centroids: ["上海": GeoPoint(latitude: 31.2304, longitude: 121.4737)])
    let teams = VisitTeams(configured: FieldTeams.all)

    func workflow() -> (VisitWorkflow, InMemoryVisits) {
        let rows = InMemoryVisits()
        rows.addCase("K1", customerId: "C1")
        rows.addCase("K2", customerId: "C2", region: "北京")
        return (VisitWorkflow(records: rows, places: places), rows)
    }

    func request(_ caseId: String, agentId: String = "f-shanghai", startsIn hours: Double = 48, lasting length: Double = 2) -> VisitBook.Dispatch {
        let start = now.addingTimeInterval(hours * 3_600)
        return .init(caseId: caseId, agentId: agentId, startsAt: start, endsAt: start.addingTimeInterval(length * 3_600), location: nil)
    }

    /// The field the dispatch was refused on, `alreadyOpen` for a second open visit, nil when it was made.
    func refusal(_ work: () async throws -> Any) async -> String? {
        do { _ = try await work(); return nil } catch let error as WorkbenchError { return error.field } catch let error as VisitError {
            if case .alreadyOpen = error { return "alreadyOpen" }
            return "\(error)"
        } catch { return "\(error)" }
    }

    func testADispatchRecordsTheAppointmentQueuesTheNoticeInTheCustomersTimeAndIsAudited() async throws {
        let (visits, rows) = workflow()
        let visit = try await visits.dispatch(request("K1"), teams: teams, by: "user:boss", now: now)
        XCTAssertEqual([visit.status.rawValue, visit.agentId, visit.startsAt], ["dispatched", "f-shanghai", "2026-11-25T02:00:00Z"])
        XCTAssertEqual(visit.location, GeoPoint(latitude: 31.2304, longitude: 121.4737), "placed at the region's centre")
        XCTAssertEqual(rows.appointments.map(\.channel), [.visit])
        XCTAssertEqual(rows.messages.map(\.recipient), ["13800138000"])
        XCTAssertEqual(rows.messages.first?.body.contains("2026-11-25 10:00-12:00"), true, "the window in Shanghai time")
        XCTAssertEqual(rows.auditActions, ["visit_dispatched"])
    }

    func testOnlyATeamThatCoversTheCustomersRegionIsSent() async throws {
        let (visits, rows) = workflow()
        let otherRegion = await refusal { try await visits.dispatch(self.request("K2"), teams: self.teams, by: "user:boss", now: self.now) }
        XCTAssertEqual(otherRegion, "agent_id", "the Shanghai team does not go to Beijing")
        let unknown = await refusal { try await visits.dispatch(self.request("K1", agentId: "f-nobody"), teams: self.teams, by: "user:boss", now: self.now) }
        XCTAssertEqual(unknown, "agent_id")
        XCTAssertEqual([rows.visits.count, rows.messages.count, rows.appointments.count], [0, 0, 0], "a refused dispatch writes nothing")

        let beijing = try await visits.dispatch(request("K2", agentId: "f-beijing"), teams: teams, by: "user:boss", now: now)
        XCTAssertEqual(beijing.agentId, "f-beijing")
        rows.addFieldAgent("agent-wu")
        let user = try await visits.dispatch(request("K1", agentId: "agent-wu"), teams: teams, by: "user:boss", now: now)
        XCTAssertEqual(user.agentId, "agent-wu", "a field agent the teams file does not name visits anywhere")
    }

    func testACaseHasOneOpenVisitAtATime() async throws {
        let (visits, rows) = workflow()
        let first = try await visits.dispatch(request("K1"), teams: teams, by: "user:boss", now: now)
        let second = await refusal { try await visits.dispatch(self.request("K1", startsIn: 72), teams: self.teams, by: "user:boss", now: self.now) }
        XCTAssertEqual(second, "alreadyOpen")
        XCTAssertEqual([rows.visits.count, rows.messages.count, rows.appointments.count], [1, 1, 1], "the refused one takes back its appointment and notice")
        rows.setStatus(first.id, .done)
        let again = try await visits.dispatch(request("K1", startsIn: 72), teams: teams, by: "user:boss", now: now)
        XCTAssertNotEqual(again.id, first.id, "once reported, the case can be visited again")
    }

    func testTheWindowIsAnnouncedADayAheadAndLastsAtMostTwelveHours() async throws {
        let (visits, _) = workflow()
        let soon = await refusal { try await visits.dispatch(self.request("K1", startsIn: 23), teams: self.teams, by: "user:boss", now: self.now) }
        XCTAssertEqual(soon, "starts_at")
        let long = await refusal { try await visits.dispatch(self.request("K1", lasting: 13), teams: self.teams, by: "user:boss", now: self.now) }
        XCTAssertEqual(long, "ends_at")
        let backwards = await refusal { try await visits.dispatch(self.request("K1", lasting: -1), teams: self.teams, by: "user:boss", now: self.now) }
        XCTAssertEqual(backwards, "ends_at")
    }

    func testACaseClosedOrWithoutAMobileNumberIsNotVisited() async throws {
        let (visits, rows) = workflow()
        rows.addCase("K3", customerId: "C3", status: "closed")
        rows.addCase("K4", customerId: "C4", mobile: nil)
        let closed = await refusal { try await visits.dispatch(self.request("K3"), teams: self.teams, by: "user:boss", now: self.now) }
        let noMobile = await refusal { try await visits.dispatch(self.request("K4"), teams: self.teams, by: "user:boss", now: self.now) }
        let missing = await refusal { try await visits.dispatch(self.request("K9"), teams: self.teams, by: "user:boss", now: self.now) }
        XCTAssertEqual([closed, noMobile, missing], ["case_id", "case_id", "case_id"])
    }

    func testAReportIsTakenOnlyFromTheTeamOnceItsWindowStartsAndWhileTheVisitIsOpen() async throws {
        let (visits, rows) = workflow()
        let visit = try await visits.dispatch(request("K1"), teams: teams, by: "user:boss", now: now)
        let report = VisitReport(met: .customer, visitors: 2, identificationShown: true, twoCollectorsPresent: true, situation: nil, difficulty: nil,
                                 promise: nil, plan: nil, note: nil, photos: [])
        do {
            _ = try await visits.reportable(visit.id, report, agentId: "f-shanghai", now: now)
            XCTFail("reported before the window")
        } catch let error as VisitError {
            XCTAssertEqual(error, .beforeWindow(visitId: visit.id, startsAt: "2026-11-25T02:00:00Z"))
        }
        let inWindow = now.addingTimeInterval(49 * 3_600)
        let otherTeam = await refusal { try await visits.reportable(visit.id, report, agentId: "f-beijing", now: inWindow) }
        XCTAssertEqual(otherTeam, "id", "another team's visit is not found")
        let alone = VisitReport(met: .customer, visitors: 1, identificationShown: true, twoCollectorsPresent: false, situation: nil, difficulty: nil,
                                promise: nil, plan: nil, note: nil, photos: [])
        let refusedAlone = await refusal { try await visits.reportable(visit.id, alone, agentId: "f-shanghai", now: inWindow) }
        XCTAssertEqual(refusedAlone, "two_collectors_present")
        let taken = try await visits.reportable(visit.id, report, agentId: "f-shanghai", now: inWindow)
        XCTAssertEqual(taken.id, visit.id)
        rows.setStatus(visit.id, .cancelled)
        let cancelled = await refusal { try await visits.reportable(visit.id, report, agentId: "f-shanghai", now: inWindow) }
        XCTAssertEqual(cancelled, "status")
    }
}
