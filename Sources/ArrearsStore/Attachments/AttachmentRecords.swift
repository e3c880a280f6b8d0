import ArrearsCore
import Foundation
import SQLKit

/// The `attachments` table: files stored sealed with the data key, read back opened. Its owners'
/// books (`VisitBook`, `LegalBook`) call it inside their own transactions, after checking that
/// the owner exists and is the caller's, and record the upload in the audit log beside it; a
/// read records its `view_personal_data` here, in the reading transaction: no file leaves the
/// database without its record.
public enum AttachmentRecords {
    /// Stores a checked file of `ownerKind` `ownerId`, sealed when the store has a key.
    public static func insert(_ file: AttachmentUpload.Checked, owner ownerKind: StoredAttachment.OwnerKind, _ ownerId: String, store: Store,
                       by actor: String, at now: Date, on database: any SQLDatabase) async throws -> StoredAttachment {
        let attachment = StoredAttachment(id: "ATT-" + UUID().uuidString.lowercased(), ownerKind: ownerKind, ownerId: ownerId,
                                          fileName: file.upload.fileName, contentType: file.type.contentType, byteCount: file.upload.bytes.count,
                                          sha256: file.sha256, uploadedBy: actor, uploadedAt: ContactRecords.timestamp(now))
        let content = try store.cipher.map { try $0.seal(content: file.upload.bytes, context: attachment.id) } ?? file.upload.bytes
        try await database.raw("""
            INSERT INTO attachments (id, owner_kind, owner_id, position, file_name, content_type, byte_count, sha256, content, uploaded_by, uploaded_at)
            SELECT \(bind: attachment.id), \(bind: ownerKind.rawValue), \(bind: ownerId), COALESCE(MAX(position), 0) + 1, \(bind: attachment.fileName),
                   \(bind: attachment.contentType), \(bind: attachment.byteCount), \(bind: attachment.sha256), \(bind: content), \(bind: actor),
                   \(bind: attachment.uploadedAt)
            FROM attachments WHERE owner_kind = \(bind: ownerKind.rawValue) AND owner_id = \(bind: ownerId)
            """).run()
        return attachment
    }

    /// How many files `ownerId` has.
    public static func count(owner ownerKind: StoredAttachment.OwnerKind, _ ownerId: String, on database: any SQLDatabase) async throws -> Int {
        try await database.raw("""
            SELECT COUNT(*) AS n FROM attachments WHERE owner_kind = \(bind: ownerKind.rawValue) AND owner_id = \(bind: ownerId)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The files of each of `ownerIds` in upload order, without their bytes.
    public static func list(owner ownerKind: StoredAttachment.OwnerKind, _ ownerIds: [String], on database: any SQLDatabase) async throws
        -> [String: [StoredAttachment]] {
        guard !ownerIds.isEmpty else { return [:] }
        let rows = try await database.select().column(SQLRaw(StoredAttachment.columns)).from("attachments")
            .where("owner_kind", .equal, ownerKind.rawValue).where("owner_id", .in, ownerIds)
            .orderBy("owner_id").orderBy("position").all()
        return Dictionary(grouping: try rows.map(StoredAttachment.init), by: \.ownerId)
    }

    /// The file `id` of `ownerId` with its bytes, opened; nil when `ownerId` has no such file.
    /// Nothing is recorded: the caller records the view (`view_personal_data`) in the same transaction.
    public static func open(_ id: String, owner ownerKind: StoredAttachment.OwnerKind, _ ownerId: String, store: Store,
                            on database: any SQLDatabase) async throws -> (attachment: StoredAttachment, bytes: Data)? {
        guard let row = try await database.raw("""
            SELECT \(unsafeRaw: StoredAttachment.columns), content FROM attachments
            WHERE id = \(bind: id) AND owner_kind = \(bind: ownerKind.rawValue) AND owner_id = \(bind: ownerId)
            """).first() else { return nil }
        let attachment = try StoredAttachment(row)
        let stored = try row.decode(column: "content", as: Data.self)
        let bytes: Data
        if stored.starts(with: Data(FieldCipher.prefix.utf8)) {
            guard let cipher = store.cipher else { throw PersonalDataError.keyMissing }
            do { bytes = try cipher.open(content: stored, context: id) } catch { throw PersonalDataError.cannotDecrypt }
        } else {
            bytes = stored
        }
        return (attachment, bytes)
    }
}
