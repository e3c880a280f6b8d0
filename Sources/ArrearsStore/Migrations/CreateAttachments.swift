import FluentKit
import SQLKit

/// Uploaded files (issue 5): photos of a field visit and documents of a legal case, kept in the
/// database beside what they belong to, so a backup or a second server has them too. `content`
/// holds the bytes sealed with the data key (`FieldCipher.seal(content:context:)`; plaintext for a
/// store without a key); `sha256` is of the plaintext, for the audit log to prove which file
/// came in; `position` is the file's place among its owner's, in upload order. BLOB on SQLite,
/// BYTEA on PostgreSQL.
struct CreateAttachments: AsyncMigration {
    let name = "ArrearsStore.CreateAttachments"

    func prepare(on database: any Database) async throws {
        try await database.schema("attachments")
            .field("id", .string, .identifier(auto: false))
            .field("owner_kind", .string, .required)
            .field("owner_id", .string, .required)
            .field("position", .int, .required)
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("byte_count", .int64, .required)
            .field("sha256", .string, .required)
            .field("content", .data, .required)
            .field("uploaded_by", .string, .required)
            .field("uploaded_at", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "attachments_owner").on("attachments")
            .column("owner_kind").column("owner_id").column("position").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("attachments").delete()
    }
}
