import FluentKit
import SQLKit

/// What the policy pack checks contacts against: flags on customers (do not contact, dispute,
/// bankruptcy, preferred channel, ...), contact points beyond the customer's own, every contact
/// attempt by every collector and agency, and the times customers agreed to be contacted.
struct CreateContactRecords: AsyncMigration {
    let name = "ArrearsStore.CreateContactRecords"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await database.schema("customer_flags")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("flag", .string, .required)
            .field("channel", .string)
            .field("value", .string)
            .field("starts_on", .string)
            .field("ends_on", .string)
            .field("note", .string)
            .field("recorded_at", .string, .required)
            .field("recorded_by", .string, .required)
            .create()
        try await sql.create(index: "customer_flags_customer").on("customer_flags").column("customer_id").run()

        try await database.schema("contact_points")
            .field("customer_id", .string, .required)
            .field("id", .string, .required)
            .field("kind", .string, .required)
            .field("label", .string)
            .field("valid", .int, .required)
            .field("recorded_at", .string, .required)
            .compositeIdentifier(over: "customer_id", "id")
            .create()

        try await database.schema("contact_attempts")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("channel", .string, .required)
            .field("contact_point", .string, .required)
            .field("attempted_at", .string, .required)
            .field("outcome", .string, .required)
            .field("note", .string)
            .field("recorded_by", .string, .required)
            .field("breached_rule", .string)
            .create()
        try await sql.create(index: "contact_attempts_customer").on("contact_attempts").column("customer_id").column("attempted_at").run()
        try await sql.create(index: "contact_attempts_at").on("contact_attempts").column("attempted_at").run()

        try await database.schema("contact_appointments")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("channel", .string, .required)
            .field("starts_at", .string, .required)
            .field("ends_at", .string, .required)
            .field("notified_at", .string)
            .field("recorded_by", .string, .required)
            .create()
        try await sql.create(index: "contact_appointments_customer").on("contact_appointments").column("customer_id").column("ends_at").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["contact_appointments", "contact_attempts", "contact_points", "customer_flags"] {
            try await database.schema(table).delete()
        }
    }
}
