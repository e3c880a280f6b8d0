import ArrearsCore
import ArrearsStore
import Foundation

/// Customers' mobile numbers and languages kept in memory, with the messages queued to them
/// (a message whose id is queued already is left alone, as in the outbox).
final class InMemoryCustomerSMS: CustomerSMSRecords, @unchecked Sendable {
    private let lock = NSLock()
    private var contacts: [String: (mobile: String?, language: String)] = [:]
    private var queued: [OutboxMessage] = []

    func addCustomer(_ id: String, mobile: String?, language: String = "zh-CN") { lock.withLock { contacts[id] = (mobile, language) } }

    var messages: [OutboxMessage] { lock.withLock { queued } }

    func smsContact(ofCustomer customerId: String) async throws -> (mobile: String?, language: String)? { lock.withLock { contacts[customerId] } }

    func enqueue(_ messages: [OutboxMessage]) async throws {
        lock.withLock { queued += messages.filter { message in !queued.contains { $0.id == message.id } } }
    }
}
