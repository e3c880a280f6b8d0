import ArrearsCore
import SQLKit

/// Seals the ID and mobile numbers stored before encryption was turned on, and fills their
/// lookup hashes (`arrears customer encrypt-existing`); seals the outbox's recipients (phone
/// numbers and e-mail addresses of messages queued before) too. All in one transaction,
/// audited with the counts; a second run finds nothing left to do and changes nothing.
///
/// Afterwards the space the plaintext occupied is reclaimed, so that a copy of the database
/// shows none of it: SQLite is vacuumed and its write-ahead log emptied, PostgreSQL's
/// `customers` and `outbox_messages` tables are rewritten (`VACUUM FULL`). Backups taken
/// earlier still hold it.
public struct PersonalDataSealer: Sendable {
    public static let auditAction = "encrypt_personal_data"

    /// What one run did: customers updated, and of their values those that were plaintext;
    /// outbox messages whose recipient was plaintext.
    public struct Summary: Sendable, Equatable {
        public var customers = 0
        public var idNumbers = 0
        public var mobiles = 0
        public var outboxRecipients = 0

        public init(customers: Int = 0, idNumbers: Int = 0, mobiles: Int = 0, outboxRecipients: Int = 0) {
            self.customers = customers
            self.idNumbers = idNumbers
            self.mobiles = mobiles
            self.outboxRecipients = outboxRecipients
        }

        /// Whether the run changed anything.
        var sealedAny: Bool { customers > 0 || outboxRecipients > 0 }
    }

    public let store: Store
    public var batchSize = 1000

    public init(store: Store) { self.store = store }

    /// Seals every value left in plaintext. Throws `PersonalDataError.keyMissing` when the
    /// store has no data key, and `.cannotDecrypt` when a sealed value is under another key.
    public func sealExisting(actor: String) async throws -> Summary {
        guard let cipher = store.cipher else { throw PersonalDataError.keyMissing }
        let store = self.store
        let batchSize = self.batchSize
        let summary = try await store.transaction { database in
            var summary = Summary()
            var after = ""
            while true {
                let rows = try await database.raw("""
                    SELECT id, id_number, mobile FROM customers
                    WHERE id > \(bind: after) AND (
                        (id_number IS NOT NULL AND (id_number_hash IS NULL OR id_number NOT LIKE 'enc1:%'))
                        OR (mobile IS NOT NULL AND (mobile_hash IS NULL OR mobile NOT LIKE 'enc1:%')))
                    ORDER BY id LIMIT \(unsafeRaw: String(batchSize))
                    """).all()
                guard let last = rows.last else { break }
                after = try last.decode(column: "id", as: String.self)
                var values: [any SQLExpression] = []
                for row in rows {
                    let id = try row.decode(column: "id", as: String.self)
                    let idNumber = try row.decode(column: "id_number", as: String?.self)
                    let mobile = try row.decode(column: "mobile", as: String?.self)
                    let sealedId = PersonalField.idNumber.stored(try store.openField(idNumber), cipher: cipher)
                    let sealedMobile = PersonalField.mobile.stored(try store.openField(mobile), cipher: cipher)
                    if idNumber != nil, sealedId.value != idNumber { summary.idNumbers += 1 }
                    if mobile != nil, sealedMobile.value != mobile { summary.mobiles += 1 }
                    values.append(SQLGroupExpression([SQLBind(id), SQLBind(sealedId.value), SQLBind(sealedId.hash),
                                                      SQLBind(sealedMobile.value), SQLBind(sealedMobile.hash)]))
                }
                summary.customers += rows.count
                // VALUES columns are column1, column2, … on both SQLite and PostgreSQL.
                try await database.raw("""
                    UPDATE customers SET id_number = v.column2, id_number_hash = v.column3, mobile = v.column4, mobile_hash = v.column5
                    FROM (VALUES \(SQLList(values))) AS v WHERE customers.id = v.column1
                    """).run()
            }
            summary.outboxRecipients = try await Self.sealOutboxRecipients(with: cipher, batchSize: batchSize, on: database)
            guard summary.sealedAny else { return summary }
            try await AuditLog.append([AuditEvent(actor: actor, action: Self.auditAction, subject: "customers", details: [
                "customers": String(summary.customers), "id_numbers": String(summary.idNumbers), "mobiles": String(summary.mobiles),
                "outbox_recipients": String(summary.outboxRecipients),
            ])], on: database)
            return summary
        }
        if summary.sealedAny { try await reclaimPlaintextSpace() }
        return summary
    }

    /// Seals every outbox recipient still in plaintext; returns how many there were. Sealing
    /// is deterministic, so a recipient sealed here equals the one a keyed daily run stores.
    private static func sealOutboxRecipients(with cipher: FieldCipher, batchSize: Int, on database: any SQLDatabase) async throws -> Int {
        var sealed = 0
        var after = ""
        while true {
            let rows = try await database.raw("""
                SELECT id, recipient FROM outbox_messages
                WHERE id > \(bind: after) AND recipient NOT LIKE 'enc1:%'
                ORDER BY id LIMIT \(unsafeRaw: String(batchSize))
                """).all()
            guard let last = rows.last else { return sealed }
            after = try last.decode(column: "id", as: String.self)
            let values: [any SQLExpression] = try rows.map { row in
                SQLGroupExpression([SQLBind(try row.decode(column: "id", as: String.self)),
                                    SQLBind(cipher.seal(try row.decode(column: "recipient", as: String.self)))])
            }
            sealed += rows.count
            try await database.raw("""
                UPDATE outbox_messages SET recipient = v.column2
                FROM (VALUES \(SQLList(values))) AS v WHERE outbox_messages.id = v.column1
                """).run()
        }
    }

    private func reclaimPlaintextSpace() async throws {
        switch store.dialect {
        case .sqlite:
            try await store.sql.raw("VACUUM").run()
            try await store.sql.raw("PRAGMA wal_checkpoint(TRUNCATE)").run()
        case .postgres:
            try await store.sql.raw("VACUUM FULL customers, outbox_messages").run()
        }
    }
}
