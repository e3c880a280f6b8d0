import ArrearsCore
import XCTest

final class InstalmentPlanTests: XCTestCase {
    let today = LocalDate(iso: "2026-11-24")!

    func testTheOddCentGoesToTheFirstInstalment() throws {
        let plan = try InstalmentPlan.make(total: 10_000, count: 3, firstDate: LocalDate(iso: "2026-12-01")!, today: today)
        XCTAssertEqual(plan.map(\.amount), [3_334, 3_333, 3_333])
        XCTAssertEqual(plan.map(\.dueOn.description), ["2026-12-01", "2027-01-01", "2027-02-01"])
        XCTAssertEqual(plan.map(\.number), [1, 2, 3])
    }

    func testYenHaveNoDecimalsSoTheRemainderIsWholeYen() throws {
        let plan = try InstalmentPlan.make(total: 10_001, count: 4, firstDate: today, today: today)
        XCTAssertEqual(plan.map(\.amount), [2_501, 2_500, 2_500, 2_500])
    }

    func testInstalmentsAlwaysAddUpToTheTotal() throws {
        for total: Int64 in [1, 7, 99, 100_000, 123_456_789] {
            for count in [1, 2, 3, 7, 12, 60] where Int64(count) <= total {
                let plan = try InstalmentPlan.make(total: total, count: count, firstDate: today, today: today)
                XCTAssertEqual(plan.reduce(0) { $0 + $1.amount }, total, "\(total) in \(count)")
                XCTAssertEqual(plan.count, count)
            }
        }
    }

    func testMonthEndsAreKeptInShortMonths() throws {
        let plan = try InstalmentPlan.make(total: 300, count: 3, firstDate: LocalDate(iso: "2027-01-31")!, today: today)
        XCTAssertEqual(plan.map(\.dueOn.description), ["2027-01-31", "2027-02-28", "2027-03-31"])
    }

    func testBadTermsNameTheirField() {
        func field(_ total: Int64, _ count: Int, _ first: String) -> String? {
            do { _ = try InstalmentPlan.make(total: total, count: count, firstDate: LocalDate(iso: first)!, today: today); return nil } catch { return error.field }
        }
        XCTAssertEqual(field(10_000, 0, "2026-12-01"), "count")
        XCTAssertEqual(field(10_000, 61, "2026-12-01"), "count")
        XCTAssertEqual(field(2, 3, "2026-12-01"), "count")
        XCTAssertEqual(field(0, 3, "2026-12-01"), "total")
        XCTAssertEqual(field(10_000, 3, "2026-11-23"), "first_date")
    }
}
