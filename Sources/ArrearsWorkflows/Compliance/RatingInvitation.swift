import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// The SMS that brings a contact's rating link to the customer after a conversation (issue 22):
/// the link goes to the customer alone, in the message they receive, and never into an answer or
/// page a collector sees. One message per attempt (id `<attempt id>:rating`), in the customer's
/// language, queued in the caller's transaction; a customer without a mobile number gets none.
/// The text names neither the customer nor the debt.
public enum RatingInvitation {
    /// Queues the invitation to rate attempt `attemptId` of `customerId` at `link` (a full URL).
    public static func enqueue(attemptId: String, customerId: String, link: String, now: Date = Date(), store: Store,
                               on database: any SQLDatabase) async throws {
        try await enqueue(attemptId: attemptId, customerId: customerId, link: link, now: now, records: SQLCustomerSMSRecords(store: store, database: database))
    }

    /// `enqueue` on `records` (the caller's transaction, or rows a test keeps in memory).
    public static func enqueue(attemptId: String, customerId: String, link: String, now: Date = Date(), records: any CustomerSMSRecords) async throws {
        guard let contact = try await records.smsContact(ofCustomer: customerId), let mobile = contact.mobile else { return }
        let language = contact.language
        let message = OutboxMessage(id: attemptId + ":rating", actionId: attemptId, customerId: customerId, channel: "sms", recipient: mobile,
                                    language: language, subject: nil, body: text(language: language, link: link),
                                    businessDate: LocalMoment(now, offset: 0).date.description)
        try await records.enqueue([message])
    }

    static func text(language: String, link: String) -> String {
        if language == "en" { return "Thank you for speaking with us. How did we do? Rate the conversation (1-5): \(link)" }
        return "感谢您与我行沟通。请为本次通话打分（1-5 分）：\(link)"
    }
}
