import FluentKit

/// A demand letter keeps the pay-by date it gave the customer (issue 24): no filing before it has
/// passed (`LegalGate.checkTime`). Other documents leave it empty.
struct AddLegalDocumentPayBy: AsyncMigration {
    let name = "ArrearsStore.AddLegalDocumentPayBy"

    func prepare(on database: any Database) async throws {
        try await database.schema("legal_documents").field("pay_by", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("legal_documents").deleteField("pay_by").update()
    }
}
