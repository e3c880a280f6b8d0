import ArrearsCore
import XCTest

final class AuthorityLimitsTests: XCTestCase {
    let limits = AuthorityLimits.standard

    func testEachArrangementNeedsTheLowestRoleWhoseLimitsCoverIt() {
        XCTAssertEqual(limits.lowestRole(covering: .waiverShare(basisPoints: 1_000)), .collector)
        XCTAssertEqual(limits.lowestRole(covering: .waiverShare(basisPoints: 1_001)), .supervisor)
        XCTAssertEqual(limits.lowestRole(covering: .waiverShare(basisPoints: 5_001)), .admin)
        XCTAssertEqual(limits.lowestRole(covering: .deferralDays(30)), .collector)
        XCTAssertEqual(limits.lowestRole(covering: .deferralDays(31)), .supervisor)
        XCTAssertEqual(limits.lowestRole(covering: .instalments(12)), .supervisor)
        XCTAssertEqual(limits.lowestRole(covering: .settlementDiscount(basisPoints: 1)), .supervisor)
        XCTAssertEqual(limits.lowestRole(covering: .settlementDiscount(basisPoints: 6_001)), nil)
    }

    func testARefusalNamesTheLimitAndWhoMayApprove() {
        XCTAssertThrowsError(try limits.check(.waiverShare(basisPoints: 3_000), role: .collector)) { error in
            let error = error as! ArrangementError
            XCTAssertEqual(error.field, "max_waiver_share")
            XCTAssertEqual(error.description, "a waiver of 30% of the overdue interest and fees is above the collector limit of 10% of the overdue interest and fees waived; it needs supervisor")
        }
        XCTAssertNoThrow(try limits.check(.waiverShare(basisPoints: 3_000), role: .supervisor))
        XCTAssertThrowsError(try limits.check(.instalments(3), role: .legal)) { error in
            XCTAssertEqual((error as! ArrangementError).description, "the role legal has no authority to approve arrangements")
        }
    }

    func testSharesRoundUpSoThatJustAboveALimitIsAbove() {
        XCTAssertEqual(ArrangementMeasure.basisPoints(1_000, of: 10_000), 1_000)
        XCTAssertEqual(ArrangementMeasure.basisPoints(1_001, of: 10_000), 1_001)
        XCTAssertEqual(ArrangementMeasure.basisPoints(10_001, of: 100_000), 1_001)
        XCTAssertEqual(ArrangementMeasure.basisPoints(0, of: 0), 0)
        XCTAssertEqual(ArrangementMeasure.percent(1_250), "12.5%")
        XCTAssertEqual(ArrangementMeasure.percent(1), "0.01%")
    }

    func testWaiversAddUpWithWaiversAndSettlementsWithSettlementsBeforeTheLimit() {
        let prior: [ArrangementMeasure] = [.waiverShare(basisPoints: 1_000), .settlementDiscount(basisPoints: 500), .instalments(6)]
        XCTAssertEqual(AuthorityLimits.cumulative(.waiverShare(basisPoints: 1_000), prior: prior), .waiverShare(basisPoints: 2_000))
        XCTAssertEqual(AuthorityLimits.cumulative(.settlementDiscount(basisPoints: 1_000), prior: prior), .settlementDiscount(basisPoints: 1_500))
        XCTAssertEqual(AuthorityLimits.cumulative(.instalments(6), prior: prior), .instalments(6), "a plan is judged alone")
        XCTAssertEqual(limits.lowestRole(covering: .waiverShare(basisPoints: 1_000), prior: prior), .supervisor, "10% and then 10% is 20%")
        XCTAssertEqual(limits.lowestRole(covering: .waiverShare(basisPoints: 1_000), prior: []), .collector)
        XCTAssertEqual(AuthorityLimits.cumulative(.waiverShare(basisPoints: 1), prior: [.waiverShare(basisPoints: .max)]), .waiverShare(basisPoints: .max),
                       "a sum that would overflow is as large as can be, never a crash")
    }

    func testACumulativeRefusalNamesTheTotalOverTheWindow() {
        XCTAssertThrowsError(try limits.check(.waiverShare(basisPoints: 1_000), prior: [.waiverShare(basisPoints: 1_000)], role: .collector)) { error in
            guard let error = error as? ArrangementError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.field, "max_waiver_share")
            XCTAssertEqual(error.description, "a waiver of 10% of the overdue interest and fees makes a cumulative 20% waived on the account within 365 days: "
                           + "a waiver of 20% of the overdue interest and fees is above the collector limit of 10% of the overdue interest and fees waived; it needs supervisor")
        }
        XCTAssertNoThrow(try limits.check(.waiverShare(basisPoints: 1_000), prior: [.waiverShare(basisPoints: 1_000)], role: .supervisor))
        XCTAssertNoThrow(try limits.check(.waiverShare(basisPoints: 1_000), prior: [], role: .collector))
    }

    func testTheWindowAndFourEyes() {
        let today = LocalDate(iso: "2026-11-24")!
        XCTAssertEqual(limits.windowStart(endingOn: today), LocalDate(iso: "2025-11-25")!, "365 days including today")
        XCTAssertEqual(AuthorityLimits(roles: limits.roles, graceDays: 5, cumulativeWindowDays: 1).windowStart(endingOn: today), today)
        XCTAssertTrue(limits.needsSecondApprover(.waiver))
        XCTAssertTrue(limits.needsSecondApprover(.settlement))
        XCTAssertFalse(limits.needsSecondApprover(.instalmentPlan))
        XCTAssertFalse(AuthorityLimits(roles: limits.roles, graceDays: 5, fourEyes: []).needsSecondApprover(.waiver))
    }
}
