import FluentKit
import SQLKit

/// Arrangements (instalment plans, deferrals, waivers, settlements), their instalments, and the
/// dues as they stood before an arrangement rewrote them, so that a broken one can put them back.
/// At most one open (proposed, approved or active) arrangement per account, held by a partial
/// unique index that both SQLite and PostgreSQL enforce.
struct CreateArrangements: AsyncMigration {
    let name = "ArrearsStore.CreateArrangements"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("arrangements")
            .field("id", .string, .identifier(auto: false))
            .field("account_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("kind", .string, .required)
            .field("status", .string, .required)
            .field("currency", .string, .required)
            .field("amount_minor", .int64, .required)
            .field("basis_minor", .int64, .required)
            .field("instalment_count", .int)
            .field("first_on", .string)
            .field("new_due_on", .string)
            .field("pay_by", .string)
            .field("reason", .string)
            .field("required_role", .string, .required)
            .field("proposed_by", .string, .required)
            .field("proposed_on", .string, .required)
            .field("decided_by", .string)
            .field("decided_on", .string)
            .field("decision_note", .string)
            .field("activated_on", .string)
            .field("settled_on", .string)
            .create()
        try await sql.raw("CREATE UNIQUE INDEX arrangements_one_open ON arrangements (account_id) WHERE status IN ('proposed', 'approved', 'active')").run()
        try await sql.create(index: "arrangements_status").on("arrangements").column("status").run()
        try await database.schema("arrangement_instalments")
            .field("arrangement_id", .string, .required)
            .field("number", .int, .required)
            .field("due_on", .string, .required)
            .field("amount_minor", .int64, .required)
            .compositeIdentifier(over: "arrangement_id", "number")
            .create()
        try await database.schema("arrangement_replaced_dues")
            .field("arrangement_id", .string, .required)
            .field("due_on", .string, .required)
            .field("existed", .bool, .required)
            .field("principal_minor", .int64, .required)
            .field("interest_minor", .int64, .required)
            .field("fees_minor", .int64, .required)
            .compositeIdentifier(over: "arrangement_id", "due_on")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("arrangement_replaced_dues").delete()
        try await database.schema("arrangement_instalments").delete()
        try await database.schema("arrangements").delete()
    }
}
