import ArrearsCore
import XCTest

final class AccountPositionTests: XCTestCase {
    private func day(_ text: String) -> LocalDate { LocalDate(iso: text)! }
    private func due(_ date: String, _ principal: Int64, interest: Int64 = 0, fees: Int64 = 0) -> Due {
        Due(dueOn: day(date), principal: principal, interest: interest, fees: fees)
    }
    private func paid(_ date: String, _ amount: Int64) -> PaymentAmount { PaymentAmount(paidOn: day(date), amount: amount) }

    func testNoDuesMeansCurrentWithNothingOwed() {
        let position = AccountPosition(dues: [], payments: [], asOf: day("2026-03-01"))
        XCTAssertEqual(position.daysPastDue, 0)
        XCTAssertEqual(position.overdue, 0)
        XCTAssertEqual(position.outstanding, 0)
        XCTAssertFalse(position.isDelinquent)
    }

    func testDueOnTheDateItselfIsNotYetOverdue() {
        let position = AccountPosition(dues: [due("2026-03-01", 10_000)], payments: [], asOf: day("2026-03-01"))
        XCTAssertEqual(position.daysPastDue, 0)
        XCTAssertEqual(position.overdue, 0)
        XCTAssertEqual(position.outstanding, 10_000)
    }

    func testUnpaidDueIsOverdueTheDayAfter() {
        let position = AccountPosition(dues: [due("2026-03-01", 10_000)], payments: [], asOf: day("2026-03-02"))
        XCTAssertEqual(position.daysPastDue, 1)
        XCTAssertEqual(position.overdue, 10_000)
    }

    func testPaymentOnTheDueDateKeepsTheAccountCurrent() {
        let position = AccountPosition(dues: [due("2026-03-01", 10_000)], payments: [paid("2026-03-01", 10_000)], asOf: day("2026-03-20"))
        XCTAssertEqual(position.daysPastDue, 0)
        XCTAssertEqual(position.outstanding, 0)
    }

    func testPaymentsAfterTheAsOfDateDoNotCount() {
        let position = AccountPosition(dues: [due("2026-03-01", 10_000)], payments: [paid("2026-03-21", 10_000)], asOf: day("2026-03-20"))
        XCTAssertEqual(position.daysPastDue, 19)
        XCTAssertEqual(position.overdue, 10_000)
    }

    func testPartialPaymentLeavesTheDueOverdueFromItsOwnDate() {
        let position = AccountPosition(dues: [due("2026-03-01", 10_000)], payments: [paid("2026-03-05", 9_999)], asOf: day("2026-03-31"))
        XCTAssertEqual(position.daysPastDue, 30)
        XCTAssertEqual(position.overdue, 1)
        XCTAssertEqual(position.outstanding, 1)
    }

    func testSeveralOverdueDuesCountFromTheOldest() {
        let dues = [due("2026-01-15", 5_000), due("2026-02-15", 5_000), due("2026-03-15", 5_000), due("2026-04-15", 5_000)]
        let position = AccountPosition(dues: dues, payments: [], asOf: day("2026-04-01"))
        XCTAssertEqual(position.daysPastDue, 76)
        XCTAssertEqual(position.overdue, 15_000)
        XCTAssertEqual(position.outstanding, 20_000)
        XCTAssertEqual(position.oldestUnpaidDueOn, day("2026-01-15"))
    }

    func testPaymentClearsTheOldestDueFirst() {
        let dues = [due("2026-01-15", 5_000), due("2026-02-15", 5_000), due("2026-03-15", 5_000)]
        let position = AccountPosition(dues: dues, payments: [paid("2026-03-20", 6_000)], asOf: day("2026-04-01"))
        XCTAssertEqual(position.daysPastDue, 45, "the January due is paid; February's is the oldest still open")
        XCTAssertEqual(position.overdue, 9_000)
    }

    func testOverpaymentIsACreditThatPaysLaterDues() {
        let dues = [due("2026-01-15", 5_000), due("2026-02-15", 5_000)]
        let early = AccountPosition(dues: dues, payments: [paid("2026-01-10", 12_000)], asOf: day("2026-03-01"))
        XCTAssertEqual(early.daysPastDue, 0)
        XCTAssertEqual(early.outstanding, 0)
        XCTAssertEqual(early.credit, 2_000)
        let laterDue = AccountPosition(dues: dues + [due("2026-03-15", 5_000)], payments: [paid("2026-01-10", 12_000)], asOf: day("2026-04-01"))
        XCTAssertEqual(laterDue.daysPastDue, 17)
        XCTAssertEqual(laterDue.overdue, 3_000)
        XCTAssertEqual(laterDue.credit, 0)
    }

    func testWithinADuePaymentsGoToFeesThenInterestThenPrincipal() {
        let allocation = PaymentAllocation(dues: [due("2026-01-15", 10_000, interest: 1_000, fees: 500)], paid: 1_200)
        XCTAssertEqual(allocation.dues[0].fees, 500)
        XCTAssertEqual(allocation.dues[0].interest, 700)
        XCTAssertEqual(allocation.dues[0].principal, 0)
        let more = PaymentAllocation(dues: [due("2026-01-15", 10_000, interest: 1_000, fees: 500)], paid: 2_000)
        XCTAssertEqual(more.dues[0].principal, 500)
        XCTAssertEqual(more.dues[0].unpaid, 9_500)
    }

    func testAllocationIgnoresTheOrderDuesArriveIn() {
        let dues = [due("2026-03-15", 1_000), due("2026-01-15", 1_000), due("2026-02-15", 1_000)]
        let allocation = PaymentAllocation(dues: dues, paid: 1_500)
        XCTAssertEqual(allocation.dues.map(\.due.dueOn.description), ["2026-01-15", "2026-02-15", "2026-03-15"])
        XCTAssertEqual(allocation.dues.map(\.paid), [1_000, 500, 0])
    }

    func testZeroDecimalCurrencyAmountsWorkTheSame() {
        let position = AccountPosition(dues: [due("2026-01-10", 30_000), due("2026-02-10", 30_000)], payments: [paid("2026-01-10", 30_000)], asOf: day("2026-02-25"))
        XCTAssertEqual(position.daysPastDue, 15)
        XCTAssertEqual(position.overdue, 30_000)
    }
}
