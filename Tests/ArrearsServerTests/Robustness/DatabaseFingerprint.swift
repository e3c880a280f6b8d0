import ArrearsStore
import SQLKit

/// A cheap picture of what the database holds: the row count of every table a request can write
/// to, and the audit log's head (its last sequence and hash). A refused request must leave it
/// unchanged. Left out on purpose: `sessions` (every page request may touch its session) and
/// `sign_in_failures` (a failed sign-in is counted on purpose, for throttling).
struct DatabaseFingerprint: Equatable, CustomStringConvertible {
    static let tables = [
        "accounts", "actions", "api_tokens", "arrangement_instalments", "arrangement_replaced_dues", "arrangements", "attachments",
        "cases", "complaints", "contact_appointments", "contact_attempts", "contact_points", "customer_flags", "customers", "dues",
        "legal_cases", "legal_costs", "legal_documents", "legal_stages", "outbox_messages", "payments", "promises",
        "satisfaction_ratings", "users", "visits",
    ]

    let counts: [String: Int]
    let auditHead: String

    static func take(_ store: Store) async throws -> DatabaseFingerprint {
        let columns = tables.map { "(SELECT COUNT(*) FROM \($0)) AS \($0)" }.joined(separator: ", ")
        let row = try await store.sql.raw("SELECT \(unsafeRaw: columns)").first()
        var counts: [String: Int] = [:]
        for table in tables { counts[table] = try row?.decode(column: table, as: Int.self) }
        let head = try await store.sql.raw("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1").first()
        let sequence = try head?.decode(column: "sequence", as: Int.self) ?? 0
        let hash = try head?.decode(column: "hash", as: String.self) ?? ""
        return DatabaseFingerprint(counts: counts, auditHead: "\(sequence):\(hash.prefix(12))")
    }

    /// What differs from `earlier`, e.g. `promises 3→4, audit head 17→18`.
    func changes(since earlier: DatabaseFingerprint) -> String {
        var changes = Self.tables.compactMap { table -> String? in
            earlier.counts[table] == counts[table] ? nil : "\(table) \(earlier.counts[table] ?? 0)→\(counts[table] ?? 0)"
        }
        if earlier.auditHead != auditHead { changes.append("audit head \(earlier.auditHead)→\(auditHead)") }
        return changes.joined(separator: ", ")
    }

    var description: String { "\(counts.values.reduce(0, +)) rows, audit head \(auditHead)" }
}
