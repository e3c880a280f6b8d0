import FluentKit

/// A complaint names who handles it (issue 25's compliance console: log, assign, resolve): the
/// username it was assigned to, nil until someone is.
struct AddComplaintAssignee: AsyncMigration {
    let name = "ArrearsStore.AddComplaintAssignee"

    func prepare(on database: any Database) async throws {
        try await database.schema("complaints").field("assigned_to", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("complaints").deleteField("assigned_to").update()
    }
}
