import FluentKit
import SQLKit

/// Lets retention erase the details of audit entries without breaking the chain (issue 24,
/// "Retention"; docs/data-protection.md): `details_hash`, the SHA-256 of an entry's details, which
/// the hash of every entry written from now on covers in place of the details themselves, and
/// `hash_version`, which says what an entry's hash covers (`AuditEntry.HashScheme`).
///
/// Entries written before keep their hashes, so that every head recorded from them still holds
/// (`audit verify --anchor`): they are version 1, with no details hash, and verify as they always
/// did; retention records the details hash of such an entry when it erases it, in a run that
/// checked the entry first and whose own entry accounts for it (`AuditErasure`). The index on
/// `subject` finds a customer's entries without reading the whole log.
struct AddAuditDetailsHash: AsyncMigration {
    let name = "ArrearsStore.AddAuditDetailsHash"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        try await sql.raw("ALTER TABLE audit_log ADD COLUMN details_hash TEXT").run()
        try await sql.raw("ALTER TABLE audit_log ADD COLUMN hash_version BIGINT NOT NULL DEFAULT 1").run()
        try await sql.create(index: "audit_log_subject").on("audit_log").column("subject").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "audit_log_subject").run()
        try await database.schema("audit_log").deleteField("hash_version").update()
        try await database.schema("audit_log").deleteField("details_hash").update()
    }
}
