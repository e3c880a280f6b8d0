import ArrearsStore
import Foundation

/// Outbox messages, a clock and outbox reads shared by the store and workflow tests.
extension OutboxMessage {
    /// A message with `id`: SMS in Chinese by default, e-mail in English for `email: true`.
    public static func sample(_ id: String, email: Bool = false, body: String? = nil) -> OutboxMessage {
        OutboxMessage(
            id: id, actionId: "ACT-\(id)", customerId: "C-\(id)", channel: email ? "email" : "sms",
            recipient: email ? "amy.chen@example.com" : "+8613800138000", language: email ? "en" : "zh-CN",
            subject: email ? "Your card payment is overdue" : nil,
            body: body ?? (email ? "Dear Amy, 1,234.50 CNY is overdue since 2026-11-08." : "王芳您好，您的信用卡已逾期15天，应还1,234.50元。"),
            businessDate: "2026-11-23"
        )
    }

    /// `count` SMS messages `M0001`, `M0002`, …
    public static func samples(_ count: Int) -> [OutboxMessage] {
        (1...count).map { sample(String(format: "M%04d", $0)) }
    }
}

/// A clock that stands still until a test moves it.
public final class FakeClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    /// 2026-11-23T08:00:00Z.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_420_800)) { current = start }

    public var now: Date { lock.withLock { current } }
    public var reading: @Sendable () -> Date { { self.now } }

    public func advance(seconds: Int) { lock.withLock { current = current.addingTimeInterval(TimeInterval(seconds)) } }
}

extension Store {
    public func outboxRecord(_ id: String) async throws -> OutboxRecord {
        guard let record = try await OutboxRepository.find(id: id, on: sql, openingPersonalDataWith: self) else { throw OutboxTestError.missing(id) }
        return record
    }

    public func outboxCounts() async throws -> [OutboxStatus: Int] {
        try await OutboxRepository.counts(on: sql)
    }
}

public enum OutboxTestError: Error {
    case missing(String)
}
