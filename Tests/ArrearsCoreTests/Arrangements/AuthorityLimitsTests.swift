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
}
