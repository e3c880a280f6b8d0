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

    func testTheTeamsOfARegionAreTheFilesThatCoverItThenTheFieldAgentUsersItDoesNotName() async throws {
        let shanghai = try await teams.covering(region: "上海") { ["f-beijing", "f-extra", "f-shanghai"] }
        XCTAssertEqual(shanghai.map(\.id), ["f-shanghai", "f-extra"], "a configured team of another region is not offered")
        let nowhere = try await teams.covering(region: nil) { [] }
        XCTAssertTrue(nowhere.isEmpty, "a customer without a region has no regional team")
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

    // MARK: Confirming, reporting and cancelling

    /// The shipped China pack: its quiet hours (22:00 to 08:00) allow an override with a reason.
    static let policy = try! PolicyConfig.load(fromDirectory: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("config").path)
    /// 10:00 in Shanghai on the day of the visit's window, after it starts.
    let inWindow = ContactRecords.instant("2026-11-25T02:30:00Z")!

    /// The workflow with customer C1's standing (Shanghai, a mobile and an address on file) and
    /// contact details for notices, and a visit dispatched on K1 for the Shanghai team.
    func dispatched() async throws -> (VisitWorkflow, InMemoryVisits, InMemoryContactChecks, StoredVisit) {
        let checks = InMemoryContactChecks()
        checks.add("C1", CustomerStanding(customerId: "C1", timeZone: TimeZone(identifier: "Asia/Shanghai"), contactPoints: [
            ContactPoint.mobile: ContactPoint(id: ContactPoint.mobile, kind: .own), ContactPoint.address: ContactPoint(id: ContactPoint.address, kind: .own),
        ]))
        let rows = InMemoryVisits(contactChecks: checks)
        rows.addCase("K1", customerId: "C1")
        rows.addContact("C1", mobile: "13800138000")
        let visits = VisitWorkflow(records: rows, places: places)
        return (visits, rows, checks, try await visits.dispatch(request("K1"), teams: teams, by: "user:boss", now: now))
    }

    func report(met: VisitReport.Met = .customer, promise: PromiseBook.NewPromise? = nil, plan: VisitReport.PlanRequest? = nil,
                overrideReason: String? = nil) -> VisitReport {
        VisitReport(met: met, visitors: 2, identificationShown: true, twoCollectorsPresent: true, situation: "lost job", difficulty: nil,
                    promise: promise, plan: plan, note: "spoke at the door", photos: ["door.jpg"], overrideReason: overrideReason)
    }

    func testOnlyADispatchedVisitIsConfirmedOnceAndOnlyByItsOwnTeam() async throws {
        let (visits, rows, _, visit) = try await dispatched()
        let otherTeam = await refusal { try await visits.confirm(visit.id, agentId: "f-beijing", by: "user:other", now: self.inWindow) }
        XCTAssertEqual(otherTeam, "id", "another team's visit is not found")
        let confirmed = try await visits.confirm(visit.id, agentId: "f-shanghai", by: "user:field", now: now)
        XCTAssertEqual(confirmed.status, .confirmed)
        XCTAssertEqual(rows.auditActions, ["visit_dispatched", "visit_confirmed"])
        let again = await refusal { try await visits.confirm(visit.id, agentId: nil, by: "user:field", now: self.now) }
        XCTAssertEqual(again, "status", "a confirmed visit is not confirmed twice")
        XCTAssertEqual(rows.auditActions.count, 2)
    }

    func testAReportStoresTheAttemptThePromiseAndACallToFollowItUpOnce() async throws {
        let (visits, rows, _, visit) = try await dispatched()
        let promise = PromiseBook.NewPromise(caseId: "K1", amountMinor: 50_000, currency: "CNY", dueOn: LocalDate(iso: "2026-12-01")!)
        let done = try await visits.report(visit.id, report(promise: promise), agentId: "f-shanghai", policy: nil, limits: .standard,
                                           by: "user:field", now: inWindow)
        XCTAssertEqual([done.status.rawValue, done.met, done.attemptId, done.followUpActionId, done.promiseId],
                       ["done", "customer", "ATT-" + visit.id, "VISIT:" + visit.id, "PTP-1"])
        XCTAssertEqual(rows.attempts.map(\.attempt.outcome), [.visitMet])
        XCTAssertNil(rows.attempts.first?.breach, "without a pack nothing is judged")
        let followUp = try XCTUnwrap(rows.followUps["VISIT:" + visit.id])
        XCTAssertEqual([followUp.caseId, followUp.channel, followUp.agentId], ["K1", "call", "f-shanghai"], "the team calls to see the promise kept")
        XCTAssertEqual(rows.auditActions, ["visit_dispatched", "visit_reported"])

        let twice = await refusal {
            try await visits.report(visit.id, self.report(), agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:field", now: self.inWindow)
        }
        XCTAssertEqual(twice, "status")
        XCTAssertEqual([rows.attempts.count, rows.promises.count, rows.auditActions.count], [1, 1, 2], "the second report stores nothing")
    }

    func testNobodyAtHomeSendsTheTeamAgainAndARefusedPromiseStoresNothingOfTheReport() async throws {
        let (visits, rows, _, visit) = try await dispatched()
        rows.promiseRefusal = .invalid(field: "due_on", message: "too far")
        let promise = PromiseBook.NewPromise(caseId: "K1", amountMinor: 50_000, currency: "CNY", dueOn: LocalDate(iso: "2027-06-01")!)
        let refused = await refusal {
            try await visits.report(visit.id, self.report(promise: promise), agentId: "f-shanghai", policy: nil, limits: .standard,
                                    by: "user:field", now: self.inWindow)
        }
        XCTAssertEqual(refused, "due_on")
        XCTAssertEqual(rows.visits.first?.status, .dispatched, "the visit is still to be reported")
        XCTAssertEqual([rows.attempts.count, rows.followUps.count], [0, 0])

        rows.promiseRefusal = nil
        let notMet = try await visits.report(visit.id, report(met: .nobody, plan: .init(instalments: 3, firstDate: LocalDate(iso: "2026-12-01")!)),
                                             agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:field", now: inWindow)
        XCTAssertEqual(notMet.status, .notMet)
        XCTAssertNil(notMet.planArrangementId, "no account to plan on: nothing is proposed")
        XCTAssertEqual(rows.attempts.map(\.attempt.outcome), [.visitNotHome])
        XCTAssertEqual(rows.followUps["VISIT:" + visit.id]?.channel, "visit", "nobody at home: the team goes again")
    }

    func testAReportInTheQuietHoursNeedsAReasonWhichIsKeptAsAnOverride() async throws {
        let (visits, rows, checks, visit) = try await dispatched()
        /// 23:30 in Shanghai.
        let lateEvening = ContactRecords.instant("2026-11-25T15:30:00Z")!
        do {
            _ = try await visits.report(visit.id, report(), agentId: "f-shanghai", policy: Self.policy, limits: .standard, by: "user:field", now: lateEvening)
            XCTFail("a visit reported in the quiet hours without a reason is refused")
        } catch ContactStartError.blocked(let verdict, let overridable) {
            XCTAssertEqual(verdict.rule, "cn.quiet-hours")
            XCTAssertTrue(overridable)
        }
        XCTAssertEqual([rows.attempts.count, rows.followUps.count, checks.overrides.count], [0, 0, 0], "nothing is stored")
        XCTAssertEqual(rows.visits.first?.status, .dispatched)

        let done = try await visits.report(visit.id, report(overrideReason: "the customer asked us to come after work"), agentId: "f-shanghai",
                                           policy: Self.policy, limits: .standard, by: "user:field", now: lateEvening)
        XCTAssertEqual(done.status, .done)
        XCTAssertEqual(checks.overrides.map(\.rule), ["cn.quiet-hours"])
        XCTAssertEqual(checks.overrides.first?.reason, "the customer asked us to come after work")
        XCTAssertEqual(rows.attempts.first?.breach?.allowed, false, "the pack's verdict is recorded with the attempt")
    }

    func testCancellingVoidsTheAppointmentTellsTheCustomerAndIsAuditedOnce() async throws {
        let (visits, rows, _, visit) = try await dispatched()
        let blank = await refusal { try await visits.cancel(visit.id, reason: "  ", by: "user:boss", now: self.now) }
        let long = await refusal { try await visits.cancel(visit.id, reason: String(repeating: "x", count: VisitBook.maximumReasonLength + 1),
                                                           by: "user:boss", now: self.now) }
        let missing = await refusal { try await visits.cancel("VISIT-none", reason: "ill", by: "user:boss", now: self.now) }
        XCTAssertEqual([blank, long, missing], ["reason", "reason", "id"])

        let cancelled = try await visits.cancel(visit.id, reason: " customer in hospital ", by: "user:boss", now: now)
        XCTAssertEqual([cancelled.status.rawValue, cancelled.cancelReason, cancelled.cancelledBy], ["cancelled", "customer in hospital", "user:boss"])
        XCTAssertEqual(rows.cancelledAppointments, [visit.appointmentId])
        XCTAssertEqual(rows.messages.map(\.id), [visit.noticeId, visit.id + ":cancelled"])
        XCTAssertEqual(rows.messages.last?.recipient, "13800138000")
        XCTAssertEqual(rows.auditActions, ["visit_dispatched", "visit_cancelled"])

        let again = await refusal { try await visits.cancel(visit.id, reason: "again", by: "user:boss", now: self.now) }
        XCTAssertEqual(again, "status")
        let report = await refusal {
            try await visits.report(visit.id, self.report(), agentId: "f-shanghai", policy: nil, limits: .standard, by: "user:field", now: self.inWindow)
        }
        XCTAssertEqual(report, "status", "a cancelled visit is not reported")
    }

    func testAVisitIsCancelledWithoutAnSMSWhenTheCustomerHasNoMobileAnyMore() async throws {
        let (visits, rows, _, visit) = try await dispatched()
        rows.addContact("C1", mobile: nil)
        let cancelled = try await visits.cancel(visit.id, reason: "moved away", by: "user:boss", now: now)
        XCTAssertEqual(cancelled.status, .cancelled)
        XCTAssertEqual(rows.messages.map(\.id), [visit.noticeId], "only the advance notice")
        XCTAssertEqual(rows.auditActions, ["visit_dispatched", "visit_cancelled"])
    }
}
