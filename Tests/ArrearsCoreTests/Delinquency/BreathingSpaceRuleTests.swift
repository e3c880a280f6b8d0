import ArrearsCore
import XCTest

final class BreathingSpaceRuleTests: XCTestCase {
    private let day = { (text: String) in LocalDate(iso: text)! }

    func testASpaceCoversItsDaysBothEndsIncludedAndOpenEndsHaveNoBound() {
        let space = BreathingSpace(from: day("2026-11-01"), until: day("2026-12-30"))
        XCTAssertEqual(["2026-10-31", "2026-11-01", "2026-12-30", "2026-12-31"].map { space.covers(day($0)) }, [false, true, true, false])
        XCTAssertTrue(BreathingSpace(from: nil, until: day("2026-12-30")).covers(day("1990-01-01")))
        XCTAssertTrue(BreathingSpace(from: day("2026-11-01"), until: nil).covers(day("2099-01-01")))
    }

    func testOnlyThePrincipalOfACoveredDueIsOwed() {
        let due = Due(dueOn: day("2026-11-15"), principal: 10_000, interest: 1_000, fees: 500)
        let later = Due(dueOn: day("2027-01-15"), principal: 10_000, interest: 1_000, fees: 500)
        let spaces = [BreathingSpace(from: day("2026-11-01"), until: day("2026-12-30"))]
        XCTAssertEqual(BreathingSpace.owed(due, under: spaces), Due(dueOn: due.dueOn, principal: 10_000, interest: 0, fees: 0))
        XCTAssertEqual(BreathingSpace.owed(later, under: spaces), later)
        XCTAssertEqual(BreathingSpace.owed(due, under: []), due)
    }

    func testTheSQLFormStatesTheSameBounds() {
        XCTAssertEqual(BreathingSpace.sqlCovers(from: "f.starts_on", until: "f.ends_on", day: "d.due_on"),
                       "(f.starts_on IS NULL OR f.starts_on <= d.due_on) AND (f.ends_on IS NULL OR f.ends_on >= d.due_on)")
    }
}
