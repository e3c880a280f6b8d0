import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// The SMS answering a customer's own request for an arrangement (`ArrangementAnswer`), queued
/// on customers kept in memory (`InMemoryCustomerSMS`); `SelfServicePageTests` answer
/// through the server on both databases.
final class ArrangementAnswerRulesTests: XCTestCase {
    let now = ContactRecords.instant("2026-11-24T02:00:00Z")!

    func request(_ status: ArrangementStatus, customerId: String = "C1", proposedBy: String? = nil, note: String? = nil) -> StoredArrangement {
        let day = LocalDate(iso: "2026-11-24")!
        return StoredArrangement(id: "ARR-1", accountId: "A1", customerId: customerId, kind: .instalmentPlan, status: status, currency: .cny, amountMinor: 23_000,
                                 basisMinor: 23_000, instalmentCount: 3, firstOn: day.adding(days: 7), newDueOn: nil, payBy: nil, reason: nil,
                                 requiredRole: .collector, proposedBy: proposedBy ?? ArrangementAnswer.selfServicePrefix + customerId, proposedOn: day,
                                 decidedBy: "user:s", decidedOn: day, decisionNote: note, activatedOn: nil, settledOn: nil, instalments: [])
    }

    func testTheCustomerWhoAskedIsToldOnceInTheirLanguage() async throws {
        let records = InMemoryCustomerSMS()
        records.addCustomer("C1", mobile: "13800138000", language: "en")
        try await ArrangementAnswer.enqueue(request(.rejected, note: "income not shown"), now: now, records: records)
        try await ArrangementAnswer.enqueue(request(.rejected, note: "income not shown"), now: now, records: records)
        XCTAssertEqual(records.messages.map(\.id), ["ARR-1:answer"], "one answer per decision")
        let message = try XCTUnwrap(records.messages.first)
        XCTAssertEqual(message.channel, "sms")
        XCTAssertEqual(message.recipient, "13800138000")
        XCTAssertEqual(message.businessDate, "2026-11-24")
        XCTAssertEqual(message.body, "Your request for a repayment arrangement was not approved. Reason: income not shown. You may contact us or ask again.")
    }

    func testAnApprovalIsAnsweredInChineseByDefault() async throws {
        let records = InMemoryCustomerSMS()
        records.addCustomer("C1", mobile: "13800138000")
        try await ArrangementAnswer.enqueue(request(.active), now: now, records: records)
        XCTAssertEqual(records.messages.map(\.body), ["您申请的还款安排已获批准，新的还款计划可在自助服务页面查看。"])
    }

    func testNoAnswerIsSentForStaffProposalsUndecidedRequestsOrCustomersWithoutAMobile() async throws {
        let records = InMemoryCustomerSMS()
        records.addCustomer("C1", mobile: "13800138000")
        records.addCustomer("C2", mobile: nil)
        try await ArrangementAnswer.enqueue(request(.active, proposedBy: "user:collector"), now: now, records: records)
        try await ArrangementAnswer.enqueue(request(.proposed), now: now, records: records)
        try await ArrangementAnswer.enqueue(request(.active, customerId: "C2"), now: now, records: records)
        try await ArrangementAnswer.enqueue(request(.active, customerId: "C3"), now: now, records: records)
        XCTAssertTrue(records.messages.isEmpty)
    }
}
