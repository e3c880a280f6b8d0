import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import XCTest

/// The rules of posting a payment (`PaymentPosting`) on accounts kept in memory
/// (`InMemoryPayments`); `WorkbenchStoreTests` and `PaymentsAPITests` post on both databases.
final class PaymentPostingRulesTests: XCTestCase {
    /// 100,000 due on 1 October and again on 1 November 2026.
    func records() -> InMemoryPayments {
        let records = InMemoryPayments()
        records.addAccount("A1", dues: [
            Due(dueOn: LocalDate(iso: "2026-10-01")!, principal: 90_000, interest: 10_000, fees: 0),
            Due(dueOn: LocalDate(iso: "2026-11-01")!, principal: 90_000, interest: 10_000, fees: 0),
        ])
        return records
    }

    func payment(_ id: String = "BANK-77", accountId: String = "A1", paidOn: String = "2026-11-23", amount: Int64 = 100_000,
                 currency: String = "CNY", channel: String = "counter") -> StoredPayment {
        StoredPayment(id: id, accountId: accountId, paidOn: paidOn, amountMinor: amount, currency: currency, channel: channel)
    }

    func refusal(_ payment: StoredPayment, on records: InMemoryPayments) async -> WorkbenchError? {
        do { _ = try await PaymentPosting.post(payment, by: "user:gateway", records: records); return nil } catch { return error as? WorkbenchError }
    }

    func testAPaymentSentAgainIsPostedOnceAndAuditedOnce() async throws {
        let records = records()
        let first = try await PaymentPosting.post(payment(), by: "user:gateway", records: records)
        let again = try await PaymentPosting.post(payment(), by: "user:gateway", records: records)
        XCTAssertTrue(first.created)
        XCTAssertFalse(again.created, "the bank's gateway sending the payment again changes nothing")
        XCTAssertEqual(again.payment, payment())
        XCTAssertEqual(again.position, first.position)
        XCTAssertEqual(records.payments, [payment()])
        XCTAssertEqual(records.auditActions, ["payment_posted"])
    }

    func testAPaymentMovesTheAccountsPositionAtOnce() async throws {
        let records = records()
        let posted = try await PaymentPosting.post(payment(), by: "user:gateway", records: records)
        XCTAssertEqual(posted.position.dpd, 22, "the October due is paid; November's is the oldest unpaid")
        XCTAssertEqual(posted.position.overdueMinor, 100_000)
        XCTAssertEqual(posted.position.bucket, "16-30")
        XCTAssertEqual(posted.position.oldestUnpaidDueOn, "2026-11-01")
        XCTAssertEqual(records.position(of: "A1"), posted.position)
    }

    func testTheSameIdWithOtherContentIsRefusedAndTheStoredPaymentKept() async throws {
        let records = records()
        _ = try await PaymentPosting.post(payment(), by: "user:gateway", records: records)
        let reused = await refusal(payment(amount: 20_000), on: records)
        XCTAssertEqual(reused, .paymentConflict(paymentId: "BANK-77"))
        XCTAssertEqual(records.payments, [payment()])
        XCTAssertEqual(records.auditActions, ["payment_posted"])
    }

    func testABadPaymentNamesTheFieldAndStoresNothing() async throws {
        let records = records()
        let refusals = [
            await refusal(payment(""), on: records),
            await refusal(payment(String(repeating: "9", count: 65)), on: records),
            await refusal(payment(paidOn: "2026-02-30"), on: records),
            await refusal(payment(amount: 0), on: records),
            await refusal(payment(channel: ""), on: records),
            await refusal(payment(currency: "USD"), on: records),
            await refusal(payment(accountId: "NOPE"), on: records),
        ]
        XCTAssertEqual(refusals.map { $0?.field }, ["payment_id", "payment_id", "paid_on", "amount", "channel", "currency", "account_id"])
        XCTAssertEqual(refusals[6], .notFound(field: "account_id", id: "NOPE"))
        XCTAssertTrue(records.payments.isEmpty)
        XCTAssertNil(records.position(of: "A1"))
    }
}
