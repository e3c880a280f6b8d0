import FluentKit
import SQLKit

/// Tasks that contact outcomes open (issue 24, `config/outcomes.yaml`): a dispute's review in the
/// compliance queue, a hardship claim's income-and-expenditure assessment, a reported death's
/// estate review. One row each, with the attempt that opened it; `closed_at` is set when the
/// task is done. No personal data: the title comes from the configuration.
struct CreateOutcomeTasks: AsyncMigration {
    let name = "ArrearsStore.CreateOutcomeTasks"

    func prepare(on database: any Database) async throws {
        try await database.schema("outcome_tasks")
            .field("id", .string, .identifier(auto: false))
            .field("customer_id", .string, .required)
            .field("attempt_id", .string, .required)
            .field("queue", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("opened_at", .string, .required)
            .field("opened_by", .string, .required)
            .field("closed_at", .string)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.create(index: "outcome_tasks_queue").on("outcome_tasks").column("queue").column("opened_at").run()
        try await sql.create(index: "outcome_tasks_customer").on("outcome_tasks").column("customer_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outcome_tasks").delete()
    }
}
