import FluentKit

/// Why an optimised cell chose an action (issue 27, "Decide by it"): the probability the channel
/// had of being chosen (`propensity`, a decimal 0 < p <= 1), the choice's expected net value and
/// the best other choice with its value, in minor units of the case's currency. Empty for the
/// actions of cells that decide by their rules.
struct AddActionOptimisation: AsyncMigration {
    let name = "ArrearsStore.AddActionOptimisation"

    func prepare(on database: any Database) async throws {
        try await database.schema("actions").field("propensity", .string).update()
        try await database.schema("actions").field("expected_value_minor", .int64).update()
        try await database.schema("actions").field("alternative", .string).update()
        try await database.schema("actions").field("alternative_value_minor", .int64).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("actions").deleteField("alternative_value_minor").update()
        try await database.schema("actions").deleteField("alternative").update()
        try await database.schema("actions").deleteField("expected_value_minor").update()
        try await database.schema("actions").deleteField("propensity").update()
    }
}
