import FluentKit

/// The date an account was written off (charged off), when it was: such an account is no longer
/// collected, and a case left with nothing else to collect closes as written off.
struct AddAccountWrittenOff: AsyncMigration {
    let name = "ArrearsStore.AddAccountWrittenOff"

    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("written_off_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("accounts").deleteField("written_off_on").update()
    }
}
