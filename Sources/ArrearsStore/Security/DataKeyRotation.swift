import ArrearsCore
import Foundation
import SQLKit

/// Moves everything sealed with the data key to a new key (`arrears customer rotate-key`): every
/// column of `SealedColumn.all` (ID and mobile numbers, e-mail and postal addresses with their
/// lookup hashes, outbox recipients, the text of legal documents) and every file in
/// `attachments`. Values still in plaintext are sealed on the way.
///
/// All or nothing: one transaction re-seals everything, then reads everything back and checks
/// that each value opens with the new key, does not open with the old one, and carries the new
/// key's lookup hash; only then is it committed, with an entry in the audit log (the counts).
/// Any failure leaves the database as it was, still under the old key. Afterwards the tables are
/// rewritten so that the old ciphertexts are gone from the database's files.
///
/// Stop every `arrears serve` and worker first: a process still holding the old key would write
/// new values under it. Links signed for customers before (`LinkSigner`, keyed by the data key)
/// stop working.
public struct DataKeyRotation: Sendable {
    public static let auditAction = "rotate_data_key"

    public let store: Store
    public let newKey: DataKey
    public var batchSize = 1000
    /// Files are up to 5 MiB each: fewer at a time.
    public var fileBatchSize = 16

    public init(store: Store, to newKey: DataKey) {
        self.store = store
        self.newKey = newKey
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// After re-sealing, a value did not open with the new key, or still opened with the old.
        case notResealed(table: String, column: String, id: String)

        public var description: String {
            switch self {
            case .notResealed(let table, let column, let id):
                "\(table).\(column) of \(id) is not sealed under the new key after re-sealing; nothing was changed"
            }
        }
    }

    /// Re-seals everything under `newKey` and returns the counts. Throws
    /// `PersonalDataError.keyMissing` when the store has no key, `.cannotDecrypt` when a value does
    /// not open with the store's key, `Failure` when the check after re-sealing fails.
    public func rotate(actor: String) async throws -> SealedCounts {
        guard let old = store.cipher else { throw PersonalDataError.keyMissing }
        let new = FieldCipher(key: newKey)
        let (batchSize, fileBatchSize) = (batchSize, fileBatchSize)
        let counts = try await store.transaction(alone: true) { database in
            var counts = SealedCounts()
            for (table, columns) in SealedColumn.byTable {
                let batch = ResealBatch(table: table, columns: columns, opening: old, sealing: new, onlyUnsealed: false)
                var after = ""
                while true {
                    let outcome = try await batch.run(after: after, limit: batchSize, on: database)
                    guard let last = outcome.last else { break }
                    counts = counts + outcome.counts
                    after = last
                }
            }
            counts.files = try await Self.resealFiles(opening: old, sealing: new, batchSize: fileBatchSize, on: database)
            try await Self.verify(opening: new, retired: old, batchSize: batchSize, fileBatchSize: fileBatchSize, on: database)
            try await AuditLog.append([AuditEvent(actor: actor, action: Self.auditAction, subject: "data_key", details: counts.auditDetails)], on: database)
            return counts
        }
        try await store.reclaimFreedSpace()
        return counts
    }

    /// Re-seals every file; returns how many there were.
    private static func resealFiles(opening old: FieldCipher, sealing new: FieldCipher, batchSize: Int, on database: any SQLDatabase) async throws -> Int {
        var resealed = 0
        var after = ""
        while true {
            let rows = try await database.raw("SELECT id, content FROM attachments WHERE id > \(bind: after) ORDER BY id LIMIT \(unsafeRaw: String(batchSize))").all()
            guard let last = rows.last else { return resealed }
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                let content: Data
                do { content = try old.open(content: try row.decode(column: "content", as: Data.self), context: id) } catch { throw PersonalDataError.cannotDecrypt }
                try await database.raw("UPDATE attachments SET content = \(bind: try new.seal(content: content, context: id)) WHERE id = \(bind: id)").run()
                resealed += 1
            }
            after = try last.decode(column: "id", as: String.self)
        }
    }

    /// Reads every sealed value and file back: each opens with `new`, none with `retired`, and
    /// every lookup hash is `new`'s. Throws `Failure.notResealed` naming the first that is not.
    private static func verify(opening new: FieldCipher, retired old: FieldCipher, batchSize: Int, fileBatchSize: Int,
                               on database: any SQLDatabase) async throws {
        for (table, columns) in SealedColumn.byTable {
            var names = ["id"]
            for column in columns { names += [column.column] + (column.lookup.map { [$0.hashColumn] } ?? []) }
            var after = ""
            while true {
                let rows = try await database.raw("""
                    SELECT \(unsafeRaw: names.joined(separator: ", ")) FROM \(unsafeRaw: table) WHERE id > \(bind: after) ORDER BY id LIMIT \(unsafeRaw: String(batchSize))
                    """).all()
                guard let last = rows.last else { break }
                for row in rows {
                    let id = try row.decode(column: "id", as: String.self)
                    for column in columns {
                        guard let stored = try row.decode(column: column.column, as: String?.self) else { continue }
                        guard stored.hasPrefix(FieldCipher.prefix), let plaintext = try? new.open(stored), (try? old.open(stored)) == nil else {
                            throw Failure.notResealed(table: table, column: column.column, id: id)
                        }
                        if let lookup = column.lookup, try row.decode(column: lookup.hashColumn, as: String?.self) != new.lookupHash(lookup.normalise(plaintext)) {
                            throw Failure.notResealed(table: table, column: lookup.hashColumn, id: id)
                        }
                    }
                }
                after = try last.decode(column: "id", as: String.self)
            }
        }
        var after = ""
        while true {
            let rows = try await database.raw("SELECT id, content FROM attachments WHERE id > \(bind: after) ORDER BY id LIMIT \(unsafeRaw: String(fileBatchSize))").all()
            guard let last = rows.last else { return }
            for row in rows {
                let id = try row.decode(column: "id", as: String.self)
                let content = try row.decode(column: "content", as: Data.self)
                guard content.starts(with: Data(FieldCipher.prefix.utf8)), (try? new.open(content: content, context: id)) != nil,
                      (try? old.open(content: content, context: id)) == nil else {
                    throw Failure.notResealed(table: "attachments", column: "content", id: id)
                }
            }
            after = try last.decode(column: "id", as: String.self)
        }
    }
}
