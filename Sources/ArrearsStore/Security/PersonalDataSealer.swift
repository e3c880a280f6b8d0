import ArrearsCore
import SQLKit

/// Seals the personal data stored before encryption was turned on (`arrears customer
/// encrypt-existing`): customers' ID and mobile numbers, e-mail and postal addresses, with the
/// lookup hashes of those found by hash; the recipients of queued messages; the text of legal
/// documents (a demand letter carries the address). Every column of `SealedColumn.all`.
///
/// It works a batch of rows at a time, each batch in its own transaction with its entry in the
/// audit log (the counts, never the values): a run stopped half-way leaves whole batches sealed,
/// and running it again seals the rest. A second run finds nothing left and changes nothing.
///
/// Afterwards the space the plaintext occupied is reclaimed, so that a copy of the database
/// shows none of it: SQLite is vacuumed and its write-ahead log emptied, PostgreSQL's tables are
/// rewritten (`VACUUM FULL`). Backups taken earlier still hold it.
public struct PersonalDataSealer: Sendable {
    public static let auditAction = "encrypt_personal_data"

    public typealias Summary = SealedCounts

    public let store: Store
    public var batchSize = 1000

    public init(store: Store) { self.store = store }

    /// Seals every value left in plaintext. Throws `PersonalDataError.keyMissing` when the
    /// store has no data key, and `.cannotDecrypt` when a sealed value is under another key.
    public func sealExisting(actor: String) async throws -> Summary {
        guard let cipher = store.cipher else { throw PersonalDataError.keyMissing }
        var summary = Summary()
        for (table, columns) in SealedColumn.byTable {
            let batch = ResealBatch(table: table, columns: columns, opening: cipher, sealing: cipher, onlyUnsealed: true)
            var after = ""
            while true {
                let outcome = try await store.transaction { [after, batchSize] database in
                    let outcome = try await batch.run(after: after, limit: batchSize, on: database)
                    if outcome.counts.changedAny {
                        try await AuditLog.append([AuditEvent(actor: actor, action: Self.auditAction, subject: table,
                                                              details: outcome.counts.auditDetails)], on: database)
                    }
                    return outcome
                }
                guard let last = outcome.last else { break }
                summary = summary + outcome.counts
                after = last
            }
        }
        if summary.changedAny { try await store.reclaimFreedSpace() }
        return summary
    }
}

extension Store {
    /// Rewrites the tables that hold sealed values, so that what they held before (plaintext, or
    /// values under a retired key) is gone from the database's files: SQLite is vacuumed and its
    /// write-ahead log emptied; PostgreSQL's tables are rewritten with `VACUUM FULL`.
    func reclaimFreedSpace() async throws {
        switch dialect {
        case .sqlite:
            try await sql.raw("VACUUM").run()
            try await sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        case .postgres:
            let tables = Set(SealedColumn.all.map(\.table)).union(["attachments"]).sorted()
            try await sql.raw("VACUUM FULL \(unsafeRaw: tables.joined(separator: ", "))").run()
        }
    }
}
