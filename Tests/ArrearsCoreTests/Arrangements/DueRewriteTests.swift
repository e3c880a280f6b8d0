import ArrearsCore
import XCTest

final class DueRewriteTests: XCTestCase {
    func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    lazy var dues = [
        Due(dueOn: day("2026-09-15"), principal: 10_000, interest: 1_000, fees: 500),
        Due(dueOn: day("2026-10-15"), principal: 10_000, interest: 1_000, fees: 500),
        Due(dueOn: day("2026-12-15"), principal: 10_000, interest: 1_000, fees: 0),
    ]

    func testAPlanLeavesThePaidPartAndBooksTheRestAsInstalments() throws {
        // 2,000 paid: the September due's fees (500) and interest (1,000) and 500 of its principal.
        let today = day("2026-11-24")
        let owed = DueRewrite.overdue(dues: dues, paid: 2_000, on: today)
        XCTAssertEqual(owed.amount, 21_000)
        let plan = try InstalmentPlan.make(total: owed.amount, count: 2, firstDate: day("2026-12-15"), today: today)
        let changes = DueRewrite.replacingOverdue(dues: dues, paid: 2_000, on: today, with: plan)
        let after = Dictionary(uniqueKeysWithValues: changes.map { ($0.dueOn.description, $0.after) })
        XCTAssertEqual(after["2026-09-15"], Due(dueOn: day("2026-09-15"), principal: 500, interest: 1_000, fees: 500))
        XCTAssertEqual(after["2026-10-15"], .some(nil), "the unpaid October due is replaced")
        XCTAssertEqual(after["2026-12-15"], Due(dueOn: day("2026-12-15"), principal: 10_000 + 9_000, interest: 1_000 + 1_000, fees: 500),
                       "the first instalment (fees first) is added to December's due")
        XCTAssertEqual(after["2027-01-15"], Due(dueOn: day("2027-01-15"), principal: 10_500, interest: 0, fees: 0))
        let rewritten = Self.apply(changes, to: dues)
        XCTAssertEqual(rewritten.reduce(0) { $0 + $1.amount }, dues.reduce(0) { $0 + $1.amount }, "nothing is forgiven")
        XCTAssertEqual(AccountPosition(dues: rewritten, payments: [PaymentAmount(paidOn: day("2026-09-20"), amount: 2_000)], asOf: today).daysPastDue, 0)
    }

    func testAWaiverForgivesFeesThenInterestOfTheOldestOverdueDues() throws {
        let changes = try DueRewrite.waiving(1_200, dues: dues, paid: 0, on: day("2026-11-24"))
        XCTAssertEqual(changes.map(\.after), [Due(dueOn: day("2026-09-15"), principal: 10_000, interest: 300, fees: 0)])
        XCTAssertThrowsError(try DueRewrite.waiving(3_001, dues: dues, paid: 0, on: day("2026-11-24")))
    }

    func testASettlementForgivesWhatIsUnpaid() {
        let rewritten = Self.apply(DueRewrite.forgivingUnpaid(dues: dues, paid: 12_000), to: dues)
        XCTAssertEqual(rewritten.reduce(0) { $0 + $1.amount }, 12_000)
        XCTAssertEqual(AccountPosition(dues: rewritten, payments: [PaymentAmount(paidOn: day("2026-11-01"), amount: 12_000)], asOf: day("2027-03-01")).outstanding, 0)
    }

    func testProgressIsJudgedInstalmentByInstalmentWithGraceDays() {
        let plan = [Instalment(number: 1, dueOn: day("2026-12-01"), amount: 3_334), Instalment(number: 2, dueOn: day("2027-01-01"), amount: 3_333)]
        XCTAssertEqual(ArrangementProgress.judge(plan, paid: 0, on: day("2026-12-06"), graceDays: 5), .onTrack)
        XCTAssertEqual(ArrangementProgress.judge(plan, paid: 3_333, on: day("2026-12-07"), graceDays: 5), .broken(missed: plan[0]))
        XCTAssertEqual(ArrangementProgress.judge(plan, paid: 3_334, on: day("2026-12-20"), graceDays: 5), .onTrack)
        XCTAssertEqual(ArrangementProgress.judge(plan, paid: 6_667, on: day("2026-12-20"), graceDays: 5), .completed)
    }

    static func apply(_ changes: [DueRewrite.Change], to dues: [Due]) -> [Due] {
        var rows = Dictionary(uniqueKeysWithValues: dues.map { ($0.dueOn, $0) })
        for change in changes { rows[change.dueOn] = change.after }
        return rows.values.sorted { $0.dueOn < $1.dueOn }
    }
}
