import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// Who may propose, approve and reject arrangements, on accounts kept in memory
/// (`InMemoryArrangements`), with the shipped authority limits (`AuthorityLimits.standard`);
/// `ArrangementsTests` runs the same workflow on both databases.
final class ArrangementApprovalTests: XCTestCase {
    let today = LocalDate(iso: "2026-11-24")!
    let collector = Arrangements.Actor(name: "user:c", role: .collector, scope: .assignedTo(agentId: "col-1"))
    let supervisor = Arrangements.Actor(name: "user:s", role: .supervisor, scope: .all)
    let gateway = Arrangements.Actor(name: "user:gw", role: .gateway, scope: .all)

    /// A1 (customer C1, worked by col-1) owes 115.00 (100.00 + 10.00 interest + 5.00 fees) on the
    /// 15th of September, October and December 2026 and has paid nothing: 230.00 is overdue.
    func records() -> InMemoryArrangements {
        let dues = ["2026-09-15", "2026-10-15", "2026-12-15"].map { Due(dueOn: LocalDate(iso: $0)!, principal: 10_000, interest: 1_000, fees: 500) }
        return InMemoryArrangements(accounts: ["A1": .init(customerId: "C1", currency: "CNY", dues: dues, paid: 0),
                                               "A2": .init(customerId: "C2", currency: "CNY", dues: dues, paid: 0)],
                                    assigned: ["col-1": ["C1"]])
    }

    func propose(_ terms: ArrangementTerms, account: String = "A1", reason: String? = nil, by actor: Arrangements.Actor,
                 _ records: InMemoryArrangements) async throws -> StoredArrangement {
        try await Arrangements.propose(accountId: account, terms: terms, reason: reason, by: actor, today: today, limits: .standard, records: records)
    }

    func refusal(_ work: () async throws -> StoredArrangement) async -> ArrangementError? {
        do { _ = try await work(); return nil } catch let error as ArrangementError { return error } catch { XCTFail("\(error)"); return nil }
    }

    func testAnApprovalBeyondTheApproversLimitIsRefusedAndChangesNothing() async throws {
        let records = records()
        let waiver = try await propose(.waiver(.share(basisPoints: 3_000)), by: collector, records)
        XCTAssertEqual(waiver.status, .proposed, "30% of the interest and fees is beyond a collector's 10%")
        XCTAssertEqual(waiver.requiredRole, .supervisor)
        let refused = await refusal {
            try await Arrangements.approve(id: waiver.id, note: nil, by: self.collector, today: self.today, limits: .standard, records: records)
        }
        XCTAssertEqual(refused?.field, "max_waiver_share")
        XCTAssertEqual(records.arrangement(waiver.id)?.status, .proposed)
        XCTAssertEqual(records.dues("A1").map(\.amount), [11_500, 11_500, 11_500], "nothing is forgiven")
        XCTAssertEqual(records.auditActions, ["arrangement.propose"])

        let approved = try await Arrangements.approve(id: waiver.id, note: "hardship", by: supervisor, today: today, limits: .standard, records: records)
        XCTAssertEqual(approved.status, .completed)
        XCTAssertEqual(approved.decidedBy, "user:s")
        XCTAssertEqual(records.dues("A1").reduce(0) { $0 + $1.amount }, 34_500 - 900, "30% of 30.00 forgiven")
        XCTAssertEqual(records.auditActions, ["arrangement.propose", "arrangement.approve"])
    }

    func testTermsWithinTheProposersOwnLimitsAreApprovedAtOnce() async throws {
        let records = records()
        let plan = try await propose(.instalmentPlan(count: 3, firstDate: LocalDate(iso: "2026-12-01")!), by: collector, records)
        XCTAssertEqual(plan.status, .active)
        XCTAssertEqual(plan.activatedOn, today)
        XCTAssertEqual(plan.instalments.map(\.amount), [7_668, 7_666, 7_666])
        let overdue = DueRewrite.overdue(dues: records.dues("A1"), paid: 0, on: today).amount
        XCTAssertEqual(overdue, 0, "the plan replaced the overdue dues")
    }

    func testTermsNoRoleMayApproveAreRefusedAndNothingIsStored() async throws {
        let records = records()
        let refused = await refusal { try await self.propose(.settlement(amount: 10_000, payBy: self.today), by: self.supervisor, records) }
        XCTAssertEqual(refused?.field, "max_settlement_discount", "71% off is beyond even admin's 60%")
        XCTAssertEqual(records.arrangementCount, 0)
        XCTAssertEqual(records.auditActions, [])
    }

    func testAnAccountHasOneOpenArrangementAndOnlyItsCollectorReachesIt() async throws {
        let records = records()
        let first = try await propose(.waiver(.share(basisPoints: 3_000)), by: collector, records)
        let second = await refusal { try await self.propose(.waiver(.share(basisPoints: 500)), by: self.collector, records) }
        XCTAssertEqual(second, .invalid(field: "account_id", message: "the account already has an open arrangement, \(first.id)"))
        let elsewhere = await refusal { try await self.propose(.waiver(.share(basisPoints: 500)), account: "A2", by: self.collector, records) }
        XCTAssertEqual(elsewhere?.field, "account_id", "A2's customer is not in col-1's work")
        XCTAssertEqual(records.arrangementCount, 1)
    }

    func testARoleWithoutLimitsDecidesNothingAndADecisionIsFinal() async throws {
        let records = records()
        let asked = try await propose(.instalmentPlan(count: 3, firstDate: LocalDate(iso: "2026-12-01")!), by: gateway, records)
        XCTAssertEqual(asked.status, .proposed, "a customer's request through the gateway waits for a person")
        let byGateway = await refusal {
            try await Arrangements.reject(id: asked.id, note: "no", by: self.gateway, today: self.today, limits: .standard, records: records)
        }
        XCTAssertEqual(byGateway?.field, "max_instalments")
        let rejected = try await Arrangements.reject(id: asked.id, note: "income unproven", by: supervisor, today: today, limits: .standard, records: records)
        XCTAssertEqual([rejected.status.rawValue, rejected.decisionNote], ["rejected", "income unproven"])
        let again = await refusal {
            try await Arrangements.approve(id: asked.id, note: nil, by: self.supervisor, today: self.today, limits: .standard, records: records)
        }
        XCTAssertEqual(again, .wrongStatus(.rejected, message: "the arrangement is rejected, not proposed"))
        XCTAssertEqual(records.dues("A1").map(\.amount), [11_500, 11_500, 11_500])
    }

    func testWaiversAddUpOverTheWindowSoTenPercentTwiceNeedsASupervisor() async throws {
        let records = records()
        let first = try await propose(.waiver(.share(basisPoints: 1_000)), by: collector, records)
        XCTAssertEqual([first.status.rawValue, first.requiredRole.rawValue], ["proposed", "collector"], "four eyes: even within the collector's own limit it waits")
        let approved = try await Arrangements.approve(id: first.id, note: nil, by: supervisor, today: today, limits: .standard, records: records)
        XCTAssertEqual(approved.status, .completed)

        let second = try await propose(.waiver(.share(basisPoints: 1_000)), by: collector, records)
        XCTAssertEqual(second.requiredRole, .supervisor, "10% and then 10% again is 20%, beyond a collector's 10%")
        let otherCollector = Arrangements.Actor(name: "user:c2", role: .collector, scope: .all)
        let refused = await refusal {
            try await Arrangements.approve(id: second.id, note: nil, by: otherCollector, today: self.today, limits: .standard, records: records)
        }
        XCTAssertEqual(refused?.field, "max_waiver_share")
        XCTAssertTrue(refused?.description.contains("a cumulative 20% waived on the account within 365 days") ?? false, "\(String(describing: refused))")
        XCTAssertEqual(records.arrangement(second.id)?.status, .proposed)

        // Decided more than a year ago, the first waiver no longer counts.
        records.backdate(first.id, days: 365)
        let later = try await Arrangements.approve(id: second.id, note: nil, by: otherCollector, today: today, limits: .standard, records: records)
        XCTAssertEqual(later.status, .completed)
    }

    func testTheApproverIsNeverTheProposerOfAWaiverOrSettlement() async throws {
        let records = records()
        let own = try await propose(.waiver(.share(basisPoints: 3_000)), by: supervisor, records)
        XCTAssertEqual(own.status, .proposed, "a supervisor's own 30% waiver, within their 50%, waits for another approver")
        let byHimself = await refusal {
            try await Arrangements.approve(id: own.id, note: nil, by: self.supervisor, today: self.today, limits: .standard, records: records)
        }
        XCTAssertEqual(byHimself?.field, "approver")
        XCTAssertEqual(records.dues("A1").map(\.amount), [11_500, 11_500, 11_500], "nothing is forgiven")
        let other = Arrangements.Actor(name: "user:s2", role: .supervisor, scope: .all)
        let approved = try await Arrangements.approve(id: own.id, note: nil, by: other, today: today, limits: .standard, records: records)
        XCTAssertEqual([approved.status.rawValue, approved.decidedBy], ["completed", "user:s2"])

        // Four eyes is per kind: with it off for waivers, the supervisor's own waiver is approved at once.
        let relaxed = AuthorityLimits(roles: AuthorityLimits.standard.roles, graceDays: 5, fourEyes: [.settlement])
        let second = try await Arrangements.propose(accountId: "A1", terms: .waiver(.share(basisPoints: 1_000)), reason: nil, by: supervisor,
                                                    today: today, limits: relaxed, records: records)
        XCTAssertEqual(second.status, .completed)
    }

    func testARejectionNeedsAReasonAndKeepsIt() async throws {
        let records = records()
        let asked = try await propose(.waiver(.share(basisPoints: 3_000)), by: collector, records)
        for note in [nil, "", "   "] {
            let refused = await refusal {
                try await Arrangements.reject(id: asked.id, note: note, by: self.supervisor, today: self.today, limits: .standard, records: records)
            }
            XCTAssertEqual(refused, .invalid(field: "note", message: "a rejection needs a reason"))
        }
        XCTAssertEqual(records.arrangement(asked.id)?.status, .proposed)
        let rejected = try await Arrangements.reject(id: asked.id, note: " no proof of hardship ", by: supervisor, today: today, limits: .standard, records: records)
        XCTAssertEqual(rejected.decisionNote, "no proof of hardship")
    }
}
