import FluentKit
import SQLKit

/// The actions of a bank's history before Arrears, imported by `arrears import actions` (issue
/// 27): history only, apart from `actions` (which holds the daily run's work) so that nothing
/// that reads work ever sees them. The response models read both. `propensity` keeps the
/// probability as its shortest exact decimal text, so that an import again compares equal.
struct CreateActionHistory: AsyncMigration {
    let name = "ArrearsStore.CreateActionHistory"

    func prepare(on database: any Database) async throws {
        try await database.schema("action_history")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("action_date", .string, .required)
            .field("channel", .string, .required)
            .field("cell", .string)
            .field("propensity", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "action_history_customer").on("action_history").column("customer_id").column("action_date").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("action_history").delete()
    }
}
