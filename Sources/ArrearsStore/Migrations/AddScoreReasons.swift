import FluentKit

/// Every score keeps its top reasons (issue 26): a JSON array of `ScoreReason` (`feature`,
/// `contribution`, `text`), most costly first. Scores written before it have none (NULL).
struct AddScoreReasons: AsyncMigration {
    let name = "ArrearsStore.AddScoreReasons"

    func prepare(on database: any Database) async throws {
        try await database.schema("account_scores").field("reasons", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("account_scores").deleteField("reasons").update()
    }
}
