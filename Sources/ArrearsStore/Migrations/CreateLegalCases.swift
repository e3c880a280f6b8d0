import FluentKit
import SQLKit

/// Legal cases (issue 5): at most one per collection case, with the history of its stages, its
/// costs (minor units per currency) and its documents (a file name or the text itself, such as
/// a generated demand letter). Dates are YYYY-MM-DD text, times ISO 8601 UTC text.
struct CreateLegalCases: AsyncMigration {
    let name = "ArrearsStore.CreateLegalCases"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("legal_cases")
            .field("id", .string, .identifier(auto: false))
            .field("case_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("stage", .string, .required)
            .field("stage_on", .string, .required)
            .field("referral", .string, .required)
            .field("court_name", .string)
            .field("court_case_number", .string)
            .field("close_reason", .string)
            .field("opened_on", .string, .required)
            .field("opened_by", .string, .required)
            .field("updated_at", .string, .required)
            .unique(on: "case_id")
            .create()
        try await sql.create(index: "legal_cases_stage").on("legal_cases").column("stage").column("id").run()

        try await database.schema("legal_stages")
            .field("legal_case_id", .string, .required)
            .field("sequence", .int, .required)
            .field("stage", .string, .required)
            .field("entered_on", .string, .required)
            .field("note", .string)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .string, .required)
            .compositeIdentifier(over: "legal_case_id", "sequence")
            .create()

        try await database.schema("legal_costs")
            .field("id", .string, .identifier(auto: false))
            .field("legal_case_id", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("currency", .string, .required)
            .field("description", .string, .required)
            .field("incurred_on", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .string, .required)
            .create()
        try await sql.create(index: "legal_costs_case").on("legal_costs").column("legal_case_id").run()

        try await database.schema("legal_documents")
            .field("id", .string, .identifier(auto: false))
            .field("legal_case_id", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("file_name", .string)
            .field("body", .string)
            .field("language", .string)
            .field("created_by", .string, .required)
            .field("created_at", .string, .required)
            .create()
        try await sql.create(index: "legal_documents_case").on("legal_documents").column("legal_case_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("legal_documents").delete()
        try await database.schema("legal_costs").delete()
        try await database.schema("legal_stages").delete()
        try await database.schema("legal_cases").delete()
    }
}
