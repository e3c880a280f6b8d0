import FluentKit

/// The policy rule that blocked an action and the next moment it would be allowed.
struct AddActionPolicyRule: AsyncMigration {
    let name = "ArrearsStore.AddActionPolicyRule"

    func prepare(on database: any Database) async throws {
        try await database.schema("actions").field("rule", .string).update()
        try await database.schema("actions").field("next_allowed_at", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("actions").deleteField("next_allowed_at").update()
        try await database.schema("actions").deleteField("rule").update()
    }
}
