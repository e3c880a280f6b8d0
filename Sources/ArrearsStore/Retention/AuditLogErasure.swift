import ArrearsCore
import SQLKit

/// Erases the details of the audit entries about customers whose retention period is over,
/// leaving the chain whole (`AuditErasure` says how, docs/data-protection.md why).
///
/// An entry is about a customer when its subject is the customer's id, or the id of one of their
/// cases, arrangements or tasks (actions): the subjects Arrears writes. Its time, actor, action
/// and subject stay, so the log still shows who did what and when; the details (notes, reasons,
/// file names, amounts) become the erasure marker. Retention runs' own entries, which account
/// for what was erased, are never erased.
enum AuditLogErasure {
    /// The customers' entries not erased yet, in sequence order. Each must match its hash:
    /// erasing a tampered entry would hide the tampering, so the run stops instead.
    static func entries(of customers: [String], on database: any SQLDatabase) async throws -> [AuditEntry] {
        guard !customers.isEmpty else { return [] }
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: AuditLog.columns) FROM audit_log
            WHERE (subject IN (\(binds: customers))
                   OR subject IN (SELECT id FROM cases WHERE customer_id IN (\(binds: customers)))
                   OR subject IN (SELECT id FROM arrangements WHERE customer_id IN (\(binds: customers)))
                   OR subject IN (SELECT id FROM actions WHERE customer_id IN (\(binds: customers))))
              AND action <> \(bind: AuditErasure.runAction)
            ORDER BY sequence
            """
        var entries: [AuditEntry] = []
        for row in try await database.raw(query).all() {
            let entry = try AuditLog.entry(row)
            switch entry.integrity {
            case .intact: entries.append(entry)
            case .erased: continue
            case .altered: throw RetentionError.auditEntryAltered(sequence: entry.sequence)
            }
        }
        return entries
    }

    /// Replaces the details of `entries` (from `entries(of:on:)`) by the marker of the run that
    /// will be recorded as entry `run`, keeping each one's details hash; returns the digest the
    /// run's entry records.
    static func erase(_ entries: [AuditEntry], run: Int, on database: any SQLDatabase) async throws -> AuditErasure.Digest {
        var digest = AuditErasure.Digest()
        let marker = AuditErasure.marker(run: run)
        var start = entries.startIndex
        while start < entries.endIndex {
            let chunk = entries[start..<min(start + 300, entries.endIndex)]
            var hashes: SQLQueryString = "CASE sequence"
            for entry in chunk {
                let detailsHash = entry.detailsHash ?? AuditEntry.detailsHash(entry.details)
                digest.add(entry, detailsHash: detailsHash)
                hashes.appendInterpolation(" WHEN \(literal: entry.sequence) THEN \(bind: detailsHash)" as SQLQueryString)
            }
            hashes.appendLiteral(" END")
            try await database.raw("""
                UPDATE audit_log SET details = \(bind: marker), details_hash = \(hashes)
                WHERE sequence IN (\(binds: chunk.map(\.sequence)))
                """).run()
            start = chunk.endIndex
        }
        return digest
    }
}
