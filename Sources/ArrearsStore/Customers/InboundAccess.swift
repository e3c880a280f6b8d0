import ArrearsCore
import Foundation
import SQLKit

/// The one exception to "reach only what is yours" (issue 22): a collector called by a customer
/// outside their queue, who found the customer by search, may open that customer for
/// `duration` after giving a reason. The grant is stored (`inbound_access_grants`) and audited
/// (`inbound_access_granted`, with the reason) in one transaction; `WorkScope` admits the
/// customer while the grant's `expires_at` lies ahead, and not a moment after.
public enum InboundAccess {
    public static let auditAction = "inbound_access_granted"
    /// How long a grant lasts: one call and its wrap-up.
    public static let duration: TimeInterval = 30 * 60

    public struct Grant: Sendable, Equatable {
        public let id: String
        public let customerId: String
        public let expiresAt: Date
    }

    /// Grants `userId` access to `customerId` from `now` for `duration`, audited with `reason`
    /// by `actor`. Nil when there is no such customer (nothing is stored or audited then).
    public static func grant(customerId: String, userId: String, reason: String, by actor: String, at now: Date = Date(),
                             store: Store) async throws -> Grant? {
        let grant = Grant(id: "GRANT-" + UUID().uuidString.lowercased(), customerId: customerId,
                          expiresAt: OutboxTimestamp.stored(now).addingTimeInterval(duration))
        return try await store.transaction { database -> Grant? in
            guard try await CustomerRepository.exists(id: customerId, scope: .all, on: database) else { return nil }
            try await database.raw("""
                INSERT INTO inbound_access_grants (id, user_id, customer_id, reason, granted_at, expires_at)
                VALUES (\(bind: grant.id), \(bind: userId), \(bind: customerId), \(bind: reason), \(bind: OutboxTimestamp.text(now)),
                        \(bind: OutboxTimestamp.text(grant.expiresAt)))
                """).run()
            try await AuditLog.append([AuditEvent(actor: actor, action: auditAction, subject: customerId, details: [
                "grant_id": grant.id, "reason": reason, "expires_at": OutboxTimestamp.text(grant.expiresAt),
            ])], at: now, on: database)
            return grant
        }
    }

    /// The customer of case `caseId`, whatever the scope: what the case page's access form
    /// grants. Nil when there is no such case.
    public static func customer(ofCase caseId: String, on database: any SQLDatabase) async throws -> String? {
        try await database.raw("SELECT customer_id FROM cases WHERE id = \(bind: caseId)").first()?.decode(column: "customer_id", as: String.self)
    }
}
