import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// The SMS that tells a customer who asked for an arrangement on the self-service page what was
/// decided (issue 24): approved, or rejected with the reason. One message per decision (id
/// `<arrangement id>:answer`), in the customer's language, queued in the caller's transaction
/// like every other customer message; a customer without a mobile number gets none. Arrangements
/// proposed by staff are answered by staff, not here.
public enum ArrangementAnswer {
    /// The proposer name of a request made on the self-service page: `customer-link:<customer id>`.
    public static let selfServicePrefix = "customer-link:"

    /// Whether `arrangement` was asked for by its customer on the self-service page.
    public static func askedByCustomer(_ arrangement: StoredArrangement) -> Bool {
        arrangement.proposedBy == selfServicePrefix + arrangement.customerId
    }

    /// Queues the answer to `arrangement` (decided: approved, active, completed or rejected) when
    /// its customer asked for it on the self-service page; does nothing otherwise.
    public static func enqueue(_ arrangement: StoredArrangement, now: Date = Date(), store: Store, on database: any SQLDatabase) async throws {
        try await enqueue(arrangement, now: now, records: SQLCustomerSMSRecords(store: store, database: database))
    }

    /// `enqueue` on `records` (the caller's transaction, or rows a test keeps in memory).
    public static func enqueue(_ arrangement: StoredArrangement, now: Date = Date(), records: any CustomerSMSRecords) async throws {
        guard askedByCustomer(arrangement), arrangement.status != .proposed else { return }
        guard let contact = try await records.smsContact(ofCustomer: arrangement.customerId), let mobile = contact.mobile else { return }
        let language = contact.language
        let message = OutboxMessage(id: arrangement.id + ":answer", actionId: arrangement.id, customerId: arrangement.customerId, channel: "sms",
                                    recipient: mobile, language: language, subject: nil, body: text(arrangement, language: language),
                                    businessDate: LocalMoment(now, offset: 0).date.description)
        try await records.enqueue([message])
    }

    /// The answer's text; it names neither the customer nor the amount owed.
    static func text(_ arrangement: StoredArrangement, language: String) -> String {
        let english = language == "en"
        if arrangement.status == .rejected {
            let reason = arrangement.decisionNote ?? ""
            return english ? "Your request for a repayment arrangement was not approved. Reason: \(reason). You may contact us or ask again."
                : "您申请的还款安排未获批准。原因：\(reason)。如有疑问请联系我行，或重新申请。"
        }
        return english ? "Your request for a repayment arrangement was approved. The new schedule is shown on your self-service page."
            : "您申请的还款安排已获批准，新的还款计划可在自助服务页面查看。"
    }
}
