import FluentKit
import SQLKit

/// Field visits (issue 5, seeds 000 and 002): dispatched by a supervisor to a field team for an
/// agreed window, confirmed by the customer, reported by the team. Times are ISO 8601 UTC text;
/// `visit_date` is the UTC date of `starts_at`, by which a day's visits are listed.
struct CreateVisits: AsyncMigration {
    let name = "ArrearsStore.CreateVisits"

    func prepare(on database: any Database) async throws {
        try await database.schema("visits")
            .field("id", .string, .identifier(auto: false))
            .field("case_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("agent_id", .string, .required)
            .field("visit_date", .string, .required)
            .field("starts_at", .string, .required)
            .field("ends_at", .string, .required)
            .field("status", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("appointment_id", .string, .required)
            .field("notice_id", .string, .required)
            .field("dispatched_by", .string, .required)
            .field("dispatched_at", .string, .required)
            .field("confirmed_at", .string)
            .field("reported_at", .string)
            .field("met", .string)
            .field("situation", .string)
            .field("difficulty", .string)
            .field("plan_requested", .bool)
            .field("promise_id", .string)
            .field("note", .string)
            .field("photos", .string)
            .field("attempt_id", .string)
            .field("follow_up_action_id", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "visits_agent_date").on("visits").column("agent_id").column("visit_date").run()
        try await (database as! any SQLDatabase).create(index: "visits_case").on("visits").column("case_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("visits").delete()
    }
}
