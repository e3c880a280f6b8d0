import FluentKit

/// The registry of response models (issue 27, `arrears model train --target response`):
/// versioned like `scoring_models` (`response-v1`, …; a candidate until activated, at most one
/// active), apart from it because a response model is not a propensity score: it holds one
/// regression per channel and its uplift measures, in `definition` (JSON).
struct CreateResponseModels: AsyncMigration {
    let name = "ArrearsStore.CreateResponseModels"

    func prepare(on database: any Database) async throws {
        try await database.schema("response_models")
            .field("id", .string, .identifier(auto: false))
            .field("version", .int, .required)
            .field("status", .string, .required)
            .field("as_of", .string, .required)
            .field("horizon_days", .int, .required)
            .field("trained_at", .string, .required)
            .field("trained_by", .string, .required)
            .field("activated_at", .string)
            .field("definition", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("response_models").delete()
    }
}
