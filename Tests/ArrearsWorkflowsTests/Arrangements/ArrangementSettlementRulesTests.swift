import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// The daily run's settlement of arrangements (`ArrangementSettlement`) on plans, dues and
/// payments kept in memory (`InMemoryArrangementSettlement`); `ArrangementsTests` and
/// `SettlementWaiverTests` settle on both databases.
final class ArrangementSettlementRulesTests: XCTestCase {
    static let activated = LocalDate(iso: "2026-11-24")!
    /// The September due the arrangement replaced: 230.00.
    static let september = Due(dueOn: LocalDate(iso: "2026-09-01")!, principal: 20_000, interest: 3_000, fees: 0)

    func day(_ iso: String) -> LocalDate { LocalDate(iso: iso)! }

    func arrangement(_ id: String, kind: ArrangementKind, amount: Int64, instalments: [Instalment]) -> StoredArrangement {
        StoredArrangement(id: id, accountId: "A1", customerId: "C1", kind: kind, status: .active, currency: .cny, amountMinor: amount, basisMinor: 23_000,
                          instalmentCount: instalments.count, firstOn: instalments.first?.dueOn, newDueOn: nil,
                          payBy: kind == .settlement ? instalments.last?.dueOn : nil, reason: nil, requiredRole: .collector, proposedBy: "user:c",
                          proposedOn: Self.activated, decidedBy: "user:s", decidedOn: Self.activated, decisionNote: "hardship confirmed",
                          activatedOn: Self.activated, settledOn: nil, instalments: instalments)
    }

    /// A plan of three instalments (76.68, 76.66, 76.66 from 1 December) that replaced September's due.
    func plan() -> InMemoryArrangementSettlement {
        let records = InMemoryArrangementSettlement()
        let instalments = [Instalment(number: 1, dueOn: day("2026-12-01"), amount: 7_668), Instalment(number: 2, dueOn: day("2027-01-01"), amount: 7_666),
                           Instalment(number: 3, dueOn: day("2027-02-01"), amount: 7_666)]
        records.add(arrangement("P1", kind: .instalmentPlan, amount: 23_000, instalments: instalments),
                    dues: instalments.map { Due(dueOn: $0.dueOn, principal: $0.amount, interest: 0, fees: 0) },
                    replacedDues: [Self.september.dueOn: Self.september, day("2026-12-01"): nil, day("2027-01-01"): nil, day("2027-02-01"): nil])
        return records
    }

    /// A settlement of 150.00 by 10 December whose approval cut September's due to it.
    func settlement() -> InMemoryArrangementSettlement {
        let records = InMemoryArrangementSettlement()
        records.add(arrangement("S1", kind: .settlement, amount: 15_000, instalments: [Instalment(number: 1, dueOn: day("2026-12-10"), amount: 15_000)]),
                    dues: [Due(dueOn: Self.september.dueOn, principal: 15_000, interest: 0, fees: 0)], replacedDues: [Self.september.dueOn: Self.september])
        return records
    }

    func settle(_ iso: String, _ records: InMemoryArrangementSettlement) async throws -> (counts: [ArrangementStatus: Int], events: [AuditEvent]) {
        try await ArrangementSettlement.settleLeavingAudit(on: day(iso), graceDays: 5, records: records)
    }

    func testAMissedInstalmentBreaksThePlanAfterTheGraceDaysAndPutsTheReplacedDueBack() async throws {
        let records = plan()
        records.pay(7_668, into: "A1", on: "2026-12-01")
        let onTrack = try await settle("2027-01-06", records)
        XCTAssertEqual(onTrack.counts, [:], "the second instalment is five days late: within the grace days")
        XCTAssertTrue(onTrack.events.isEmpty)
        let broken = try await settle("2027-01-07", records)
        XCTAssertEqual(broken.counts, [.broken: 1])
        XCTAssertEqual(records.arrangement("P1")?.status, .broken)
        XCTAssertEqual(records.arrangement("P1")?.settledOn, day("2027-01-07"))
        XCTAssertEqual(records.dues("A1"), [Self.september], "collection reopens on the due the plan replaced")
        XCTAssertEqual(broken.events.map(\.action), ["arrangement.broken"])
        XCTAssertEqual(broken.events.first?.details["missed_instalment"], "2 due 2027-01-01")
        XCTAssertEqual(broken.events.first?.details["paid_minor"], "7668")
        let again = try await settle("2027-01-08", records)
        XCTAssertEqual(again.counts, [:], "a broken plan is settled once")
    }

    func testAPlanPaidInFullIsCompletedAndAPaymentBeforeActivationDoesNotCount() async throws {
        let records = plan()
        records.pay(23_000, into: "A1", on: "2026-11-24")
        let early = try await settle("2026-12-02", records)
        XCTAssertEqual(early.counts, [:], "paid on the day of activation: not towards the plan, which is on track")
        records.pay(23_000, into: "A1", on: "2026-12-01")
        let kept = try await settle("2026-12-02", records)
        XCTAssertEqual(kept.counts, [.completed: 1])
        XCTAssertEqual(records.arrangement("P1")?.status, .completed)
        XCTAssertEqual(kept.events.map(\.action), ["arrangement.completed"])
    }

    func testASettlementPaidForgivesTheRestWithItsApprovalAsTheReason() async throws {
        let records = settlement()
        records.pay(15_000, into: "A1", on: "2026-12-05")
        let settled = try await settle("2026-12-06", records)
        XCTAssertEqual(settled.counts, [.completed: 1])
        let details = try XCTUnwrap(settled.events.first?.details)
        XCTAssertEqual(details["forgiven_minor"], "8000", "230.00 owed before the settlement, less 150.00 paid")
        XCTAssertEqual(details["reason"], "settlement S1 for 150.00 CNY approved by user:s on 2026-11-24: hardship confirmed")
        XCTAssertEqual(records.dues("A1").reduce(0) { $0 + $1.amount }, 15_000, "what is left owed is what was paid: nothing more is chased")
    }

    func testASettlementUnpaidAfterItsPayByDateBreaksWithoutGrace() async throws {
        let records = settlement()
        let broken = try await settle("2026-12-11", records)
        XCTAssertEqual(broken.counts, [.broken: 1], "a settlement's date is the last day agreed, whatever the grace days")
        XCTAssertEqual(records.dues("A1"), [Self.september], "the whole balance is owed again")
    }
}
