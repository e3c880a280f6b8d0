import FluentKit

/// A field visit can be cancelled before it is reported (issue 5): who cancelled it, when and
/// why stay on the visit, and its appointment is voided (`cancelled_at`), so the field-visit rule
/// no longer reads it as a time agreed with the customer. The voided appointment stays on file.
struct AddVisitCancellation: AsyncMigration {
    let name = "ArrearsStore.AddVisitCancellation"

    func prepare(on database: any Database) async throws {
        try await database.schema("visits").field("cancelled_at", .string).update()
        try await database.schema("visits").field("cancelled_by", .string).update()
        try await database.schema("visits").field("cancel_reason", .string).update()
        try await database.schema("contact_appointments").field("cancelled_at", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contact_appointments").deleteField("cancelled_at").update()
        try await database.schema("visits").deleteField("cancel_reason").update()
        try await database.schema("visits").deleteField("cancelled_by").update()
        try await database.schema("visits").deleteField("cancelled_at").update()
    }
}
