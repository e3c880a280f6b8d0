import FluentKit

/// A contact point marked not to be used keeps why (issue 24): the outcome that marked it,
/// `invalid_number` or `wrong_party`, shown wherever the point is refused.
struct AddContactPointInvalidReason: AsyncMigration {
    let name = "ArrearsStore.AddContactPointInvalidReason"

    func prepare(on database: any Database) async throws {
        try await database.schema("contact_points").field("invalid_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contact_points").deleteField("invalid_reason").update()
    }
}
