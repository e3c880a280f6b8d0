import ArrearsCore
import Foundation
import SQLKit

/// The outbox as the compliance officer watches it: each message's delivery state without its
/// recipient or text (personal data), and a retry of one failed message.
extension OutboxRepository {
    /// A message's delivery state.
    public struct Line: Sendable, Equatable {
        public let id: String
        public let customerId: String
        public let channel: String
        public let businessDate: String
        public let status: OutboxStatus
        public let attempts: Int
        /// UTC, as stored (`OutboxTimestamp`).
        public let nextAttemptAt: String?
        public let lastError: String?
        public let sentAt: String?
        public let deliveredAt: String?
    }

    /// What became of a retry.
    public enum RetryResult: Sendable, Equatable {
        case retried
        /// Only a failed message is retried; this one stands as it is.
        case notFailed(OutboxStatus)
        case unknownMessage
    }

    /// The messages with `status` (every status when nil) in id order after `cursor`, at most `limit`.
    public static func list(status: OutboxStatus?, after cursor: String?, limit: Int, on database: any SQLDatabase) async throws -> [Line] {
        var query: SQLQueryString = """
            SELECT id, customer_id, channel, business_date, status, attempts, next_attempt_at, last_error, sent_at, delivered_at
            FROM outbox_messages WHERE 1 = 1
            """
        if let status { query.appendLiteral(" AND status = "); query.appendInterpolation(bind: status.rawValue) }
        if let cursor { query.appendLiteral(" AND id > "); query.appendInterpolation(bind: cursor) }
        query.appendLiteral(" ORDER BY id LIMIT \(max(0, limit))")
        return try await database.raw(query).all().map { row in
            Line(id: try row.decode(column: "id", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                 channel: try row.decode(column: "channel", as: String.self), businessDate: try row.decode(column: "business_date", as: String.self),
                 status: try row.decode(column: "status", as: OutboxStatus.self), attempts: try row.decode(column: "attempts", as: Int.self),
                 nextAttemptAt: try row.decode(column: "next_attempt_at", as: String?.self), lastError: try row.decode(column: "last_error", as: String?.self),
                 sentAt: try row.decode(column: "sent_at", as: String?.self), deliveredAt: try row.decode(column: "delivered_at", as: String?.self))
        }
    }

    /// Makes the failed message `id` pending again with a fresh budget of attempts, as
    /// `retryFailed` does for all of them, so that the next delivery run sends it; audited
    /// `outbox_retried`. Run it in a transaction.
    public static func retry(id: String, by actor: String, at now: Date = Date(), on database: any SQLDatabase) async throws -> RetryResult {
        let retried = try await database.raw("""
            UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = NULL
            WHERE id = \(bind: id) AND status = 'failed' RETURNING customer_id
            """).all()
        guard let row = retried.first else {
            guard let current = try await database.raw("SELECT status FROM outbox_messages WHERE id = \(bind: id)").first() else { return .unknownMessage }
            return .notFailed(try current.decode(column: "status", as: OutboxStatus.self))
        }
        try await AuditLog.append([AuditEvent(actor: actor, action: "outbox_retried", subject: try row.decode(column: "customer_id", as: String.self),
                                              details: ["message_id": id])], at: now, on: database)
        return .retried
    }
}
