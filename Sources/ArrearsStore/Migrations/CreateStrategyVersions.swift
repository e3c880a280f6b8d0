import FluentKit

/// Every strategy the daily run has used, by its `version`, with the file's full text: what was
/// decided on any date can be traced to the exact rules, and a stored version can be run again.
struct CreateStrategyVersions: AsyncMigration {
    let name = "ArrearsStore.CreateStrategyVersions"

    func prepare(on database: any Database) async throws {
        try await database.schema("strategy_versions")
            .field("version", .string, .identifier(auto: false))
            .field("content", .string, .required)
            .field("first_used_on", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("strategy_versions").delete()
    }
}
