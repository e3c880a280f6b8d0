import FluentKit
import SQLKit

/// Contacts the pack forbids, made visible (issue 24):
///
/// - `contact_overrides`: one row each time a person went ahead with a contact a rule marked
///   `override: reason_required` forbids, with who, when (the contact's moment, UTC text), the
///   rule and the reason typed; `attempt_id` is the attempt the override then covered, once one
///   was recorded.
/// - `contact_attempts.breach_reason`: the pack's words on why a recorded attempt was a breach
///   (`breached_rule` already names the rule), so that the breaches report says it as it was
///   judged at the time.
struct CreateContactOverrides: AsyncMigration {
    let name = "ArrearsStore.CreateContactOverrides"

    func prepare(on database: any Database) async throws {
        try await database.schema("contact_overrides")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("channel", .string, .required)
            .field("contact_point", .string)
            .field("rule", .string, .required)
            .field("reason", .string, .required)
            .field("actor", .string, .required)
            .field("occurred_at", .string, .required)
            .field("recorded_at", .string, .required)
            .field("attempt_id", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "contact_overrides_at").on("contact_overrides").column("occurred_at").run()
        try await sql.create(index: "contact_overrides_customer").on("contact_overrides").column("customer_id").column("occurred_at").run()
        try await database.schema("contact_attempts").field("breach_reason", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contact_attempts").deleteField("breach_reason").update()
        try await database.schema("contact_overrides").delete()
    }
}
