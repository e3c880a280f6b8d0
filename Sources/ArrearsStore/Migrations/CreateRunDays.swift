import FluentKit

/// One row per business date the daily run completed, with its summary. A date found here is
/// not run again.
struct CreateRunDays: AsyncMigration {
    let name = "ArrearsStore.CreateRunDays"

    func prepare(on database: any Database) async throws {
        try await database.schema("run_days")
            .field("business_date", .string, .identifier(auto: false))
            .field("strategy_version", .string, .required)
            .field("completed_at", .string, .required)
            .field("summary", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("run_days").delete()
    }
}
