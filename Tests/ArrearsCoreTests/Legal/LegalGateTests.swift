import ArrearsCore
import XCTest

/// Which flags stop, hold or forbid a suit, and the time gates (`LegalGate`).
final class LegalGateTests: XCTestCase {
    let day = LocalDate(iso: "2026-11-24")!

    func testBankruptcyAndDeathStopEverythingButClosing() {
        for flag in [CustomerFlag.Kind.bankruptcy, .deceased] {
            for step in [LegalGate.Step.open, .move(.demandLetter), .move(.filed), .move(.enforcement), .demandLetter] {
                let refusal = LegalGate.check(step, flags: [flag])
                XCTAssertEqual(refusal?.effect, .stop, "\(flag) \(step)")
                XCTAssertEqual(refusal?.rule, "legal.\(flag.rawValue)")
                XCTAssertTrue(refusal?.message.contains("flagged \(flag.rawValue)") == true, refusal?.message ?? "")
            }
            XCTAssertNil(LegalGate.check(.move(.closed), flags: [flag]), "a stopped case may still be closed")
        }
    }

    func testDisputeComplaintAndBreathingSpaceHold() {
        for flag in [CustomerFlag.Kind.dispute, .complaint, .breathingSpace] {
            XCTAssertEqual(LegalGate.check(.open, flags: [flag])?.effect, .hold, "\(flag)")
            XCTAssertEqual(LegalGate.check(.move(.hearing), flags: [flag])?.effect, .hold, "\(flag)")
            XCTAssertTrue(LegalGate.check(.move(.filed), flags: [flag])?.message.contains("on hold while the flag holds") == true)
            XCTAssertNil(LegalGate.check(.move(.closed), flags: [flag]))
        }
    }

    func testATimeBarredDebtMayBeReviewedAndClosedButNotSuedNorThreatened() {
        XCTAssertNil(LegalGate.check(.open, flags: [.timeBarred]))
        XCTAssertNil(LegalGate.check(.move(.closed), flags: [.timeBarred]))
        for step in [LegalGate.Step.demandLetter, .move(.demandLetter), .move(.filed), .move(.hearing), .move(.judgment), .move(.enforcement)] {
            let refusal = LegalGate.check(step, flags: [.timeBarred])
            XCTAssertEqual(refusal?.effect, .noSuit, "\(step)")
            XCTAssertEqual(refusal?.rule, "legal.time_barred")
        }
    }

    func testAStopOutranksAHoldAndOtherFlagsChangeNothing() {
        XCTAssertEqual(LegalGate.check(.move(.filed), flags: [.timeBarred, .dispute, .deceased])?.rule, "legal.deceased")
        XCTAssertEqual(LegalGate.check(.move(.filed), flags: [.timeBarred, .complaint])?.rule, "legal.complaint")
        XCTAssertNil(LegalGate.check(.move(.filed), flags: [.vulnerable, .lost, .preferredChannel]))
    }

    func testThePacksFlagRuleNamesTheRefusal() {
        let rule = PolicyRule(id: "universal.dispute", description: "Collection stops while a dispute of the debt is open",
                              source: "FDCPA 809(b)", kind: .flag([.dispute], channels: []))
        let pack = PolicyPack(id: "test", name: "test", rules: [rule], holidays: .none)
        let refusal = LegalGate.check(.open, flags: [.dispute], pack: pack)
        XCTAssertEqual(refusal?.rule, "universal.dispute")
        XCTAssertTrue(refusal?.message.contains("Collection stops while a dispute of the debt is open") == true, refusal?.message ?? "")
    }

    func testOnlyFlagsHoldingOnTheDayCount() {
        let flags = [CustomerFlag(kind: .dispute, until: day.adding(days: -1)), CustomerFlag(kind: .complaint, from: day.adding(days: 1)),
                     CustomerFlag(kind: .deceased, from: day)]
        XCTAssertEqual(LegalGate.holding(flags, on: day), [.deceased])
    }

    func testAFilingWaitsUntilThePayByDateHasPassed() {
        let gates = LegalTimeGates.standard
        let refusal = LegalGate.checkTime(to: .filed, on: day, since: day, payBy: day.adding(days: 14), gates: gates)
        XCTAssertEqual(refusal?.rule, "legal.pay_by")
        XCTAssertEqual(refusal?.possibleOn, day.adding(days: 15))
        XCTAssertTrue(refusal?.message.contains("possible from 2026-12-09") == true, refusal?.message ?? "")
        XCTAssertNotNil(LegalGate.checkTime(to: .filed, on: day, since: day, payBy: day, gates: gates), "the pay-by day itself is the customer's")
        XCTAssertNil(LegalGate.checkTime(to: .filed, on: day, since: day, payBy: day.adding(days: -1), gates: gates))
        XCTAssertNil(LegalGate.checkTime(to: .filed, on: day, since: day, payBy: nil, gates: gates))
        XCTAssertNil(LegalGate.checkTime(to: .filed, on: day, since: day, payBy: day.adding(days: 3),
                                         gates: LegalTimeGates(minimumDaysBetweenStages: 0, filingAfterPayBy: false)))
        XCTAssertNil(LegalGate.checkTime(to: .closed, on: day, since: day, payBy: day.adding(days: 3), gates: gates))
    }

    func testACaseStaysTheMinimumDaysInAStageButMayAlwaysClose() {
        let gates = LegalTimeGates(minimumDaysBetweenStages: 7, filingAfterPayBy: true)
        let since = day.adding(days: -6)
        let refusal = LegalGate.checkTime(to: .demandLetter, on: day, since: since, payBy: nil, gates: gates)
        XCTAssertEqual(refusal?.rule, "legal.minimum_days")
        XCTAssertEqual(refusal?.possibleOn, day.adding(days: 1))
        XCTAssertNil(LegalGate.checkTime(to: .demandLetter, on: day.adding(days: 1), since: since, payBy: nil, gates: gates))
        XCTAssertNil(LegalGate.checkTime(to: .closed, on: day, since: day, payBy: nil, gates: gates))
    }
}
