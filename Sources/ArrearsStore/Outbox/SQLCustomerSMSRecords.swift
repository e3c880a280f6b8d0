import ArrearsCore
import SQLKit

/// The rows of queuing an SMS to a customer (`CustomerSMSRecords`) on the caller's transaction on
/// `database`; personal data opened and sealed with `store`'s key.
public struct SQLCustomerSMSRecords: CustomerSMSRecords {
    public let store: Store
    public let database: any SQLDatabase

    public init(store: Store, database: any SQLDatabase) {
        self.store = store
        self.database = database
    }

    public func smsContact(ofCustomer customerId: String) async throws -> (mobile: String?, language: String)? {
        guard let row = try await database.raw("SELECT mobile, language FROM customers WHERE id = \(bind: customerId)").first() else { return nil }
        return (try store.openField(try row.decode(column: "mobile", as: String?.self)), try row.decode(column: "language", as: String.self))
    }

    public func enqueue(_ messages: [OutboxMessage]) async throws {
        try await OutboxRepository.enqueue(messages, on: database, sealingPersonalDataWith: store)
    }
}
