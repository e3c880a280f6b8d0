import FluentKit
import SQLKit

/// The model registry, every delinquent account's latest scores and the daily monitoring of the
/// score distribution (issue 6, "Scoring").
struct CreateScoringModels: AsyncMigration {
    let name = "ArrearsStore.CreateScoringModels"

    func prepare(on database: any Database) async throws {
        try await database.schema("scoring_models")
            .field("id", .string, .identifier(auto: false))
            .field("target", .string, .required)
            .field("version", .int, .required)
            .field("status", .string, .required)
            .field("as_of", .string, .required)
            .field("trained_at", .string, .required)
            .field("trained_by", .string, .required)
            .field("activated_at", .string)
            .field("definition", .string, .required)
            .unique(on: "target", "version")
            .create()
        try await database.schema("account_scores")
            .field("account_id", .string, .required)
            .field("target", .string, .required)
            .field("model_id", .string, .required)
            .field("business_date", .string, .required)
            .field("probability_ppm", .int64, .required)
            .field("points", .int64, .required)
            .compositeIdentifier(over: "account_id", "target")
            .create()
        try await database.schema("model_monitoring")
            .field("model_id", .string, .required)
            .field("business_date", .string, .required)
            .field("scored", .int64, .required)
            .field("mean_probability_ppm", .int64, .required)
            .field("psi_ppm", .int64, .required)
            .compositeIdentifier(over: "model_id", "business_date")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("model_monitoring").delete()
        try await database.schema("account_scores").delete()
        try await database.schema("scoring_models").delete()
    }
}
