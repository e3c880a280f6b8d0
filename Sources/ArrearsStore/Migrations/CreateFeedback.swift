import FluentKit
import SQLKit

/// What customers tell the bank about its collections: satisfaction ratings (1–5) of a
/// right-party contact, at most one per contact attempt, and complaints with their resolution.
struct CreateFeedback: AsyncMigration {
    let name = "ArrearsStore.CreateFeedback"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("satisfaction_ratings")
            .field("id", .string, .identifier(auto: false))
            .field("contact_attempt_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("rating", .int, .required)
            .field("rated_at", .string, .required)
            .field("comment", .string)
            .unique(on: "contact_attempt_id")
            .create()
        try await sql.create(index: "satisfaction_ratings_rated_at").on("satisfaction_ratings").column("rated_at").run()

        try await database.schema("complaints")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("case_id", .string)
            .field("channel", .string, .required)
            .field("category", .string, .required)
            .field("status", .string, .required)
            .field("description", .string)
            .field("resolution", .string)
            .field("opened_at", .string, .required)
            .field("resolved_at", .string)
            .field("recorded_by", .string, .required)
            .create()
        try await sql.create(index: "complaints_customer").on("complaints").column("customer_id").column("status").run()
        try await sql.create(index: "complaints_opened_at").on("complaints").column("opened_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("complaints").delete()
        try await database.schema("satisfaction_ratings").delete()
    }
}
