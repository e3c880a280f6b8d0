import FluentKit

/// `quality_reviews` (issue 25): a supervisor's review of one contact attempt, the five checks
/// of `QualityChecks` and their points, who reviewed it and when (UTC text), with an optional
/// note. One review per attempt (`contact_attempt_id` is unique).
struct CreateQualityReviews: AsyncMigration {
    let name = "ArrearsStore.CreateQualityReviews"

    func prepare(on database: any Database) async throws {
        try await database.schema("quality_reviews")
            .field("id", .string, .identifier(auto: false))
            .field("contact_attempt_id", .string, .required)
            .field("identity_checked", .bool, .required)
            .field("disclosures_made", .bool, .required)
            .field("respectful_tone", .bool, .required)
            .field("no_threats", .bool, .required)
            .field("correct_outcome", .bool, .required)
            .field("points", .int, .required)
            .field("note", .string)
            .field("reviewer", .string, .required)
            .field("reviewed_at", .string, .required)
            .unique(on: "contact_attempt_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("quality_reviews").delete()
    }
}
