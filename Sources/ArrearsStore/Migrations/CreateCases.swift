import FluentKit
import SQLKit

/// Collection cases: one customer's open collection episode across their accounts. At most one
/// case per customer is open (a partial unique index says so to the database itself).
struct CreateCases: AsyncMigration {
    let name = "ArrearsStore.CreateCases"

    func prepare(on database: any Database) async throws {
        try await database.schema("cases")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("status", .string, .required)
            .field("opened_on", .string, .required)
            .field("closed_on", .string)
            .field("close_reason", .string)
            .field("segment", .string, .required)
            .field("cell", .string, .required)
            .field("dpd", .int, .required)
            .field("bucket", .string, .required)
            .field("currency", .string, .required)
            .field("overdue_minor", .int64, .required)
            .field("updated_on", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE UNIQUE INDEX cases_one_open_per_customer ON cases (customer_id) WHERE status = 'open'").run()
        try await sql.create(index: "cases_status").on("cases").column("status").run()
        try await database.schema("case_cadence")
            .field("case_id", .string, .required)
            .field("treatment", .string, .required)
            .field("last_acted_on", .string, .required)
            .compositeIdentifier(over: "case_id", "treatment")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("case_cadence").delete()
        try await database.schema("cases").delete()
    }
}
