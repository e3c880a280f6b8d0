import ArrearsCore

/// What queuing an SMS to a customer in the caller's transaction reads and writes (the answer
/// to an arrangement asked for on the self-service page, `ArrangementAnswer`; the invitation to
/// rate a conversation, `RatingInvitation`): `SQLCustomerSMSRecords` in the database; a test may
/// keep them in memory.
public protocol CustomerSMSRecords: Sendable {
    /// The customer's mobile number (opened; nil when there is none) and language; nil when there is no such customer.
    func smsContact(ofCustomer customerId: String) async throws -> (mobile: String?, language: String)?
    /// Queues messages in the outbox; a message whose id exists is left alone.
    func enqueue(_ messages: [OutboxMessage]) async throws
}
