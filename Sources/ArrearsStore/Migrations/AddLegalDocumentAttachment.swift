import FluentKit

/// A legal document may be an uploaded file (issue 5): `attachment_id` names its row in
/// `attachments`; letters and names of files kept elsewhere leave it empty.
struct AddLegalDocumentAttachment: AsyncMigration {
    let name = "ArrearsStore.AddLegalDocumentAttachment"

    func prepare(on database: any Database) async throws {
        try await database.schema("legal_documents").field("attachment_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("legal_documents").deleteField("attachment_id").update()
    }
}
