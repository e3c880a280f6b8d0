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

    func testAKeptSettlementLeavesItsAmountOwedOnTheOldestDuesAndTheAccountAsLate() {
        // 2,000 paid of 34,000; a settlement of 25,000 keeps 21,000 overdue (September's 9,500 and
        // October) and 4,000 of December's, which moves onto October: the whole amount is owed now.
        let today = day("2026-11-24")
        let payments = [PaymentAmount(paidOn: day("2026-09-20"), amount: 2_000)]
        let changes = DueRewrite.settling(25_000, dues: dues, paid: 2_000, on: today, payBy: day("2026-12-31"))
        let rewritten = Self.apply(changes, to: dues)
        XCTAssertEqual(rewritten, [Due(dueOn: day("2026-09-15"), principal: 10_000, interest: 1_000, fees: 500),
                                   Due(dueOn: day("2026-10-15"), principal: 10_000 + 3_000, interest: 1_000 + 1_000, fees: 500)])
        let position = AccountPosition(dues: rewritten, payments: payments, asOf: today)
        XCTAssertEqual(position.overdue, 25_000, "what is owed is the settlement's amount")
        XCTAssertEqual(position.outstanding, 25_000)
        XCTAssertEqual(position.daysPastDue, AccountPosition(dues: dues, payments: payments, asOf: today).daysPastDue, "as late as before")
        XCTAssertEqual(DueRewrite.settling(32_000, dues: dues, paid: 2_000, on: today, payBy: day("2026-12-31")), [], "not less than what is unpaid")
        let current = DueRewrite.settling(5_000, dues: dues, paid: 23_000, on: today, payBy: day("2026-12-31"))
        XCTAssertEqual(Self.apply(current, to: dues).last, Due(dueOn: day("2026-12-31"), principal: 4_000, interest: 1_000, fees: 0),
                       "nothing overdue: the amount is owed on the pay-by date")
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
