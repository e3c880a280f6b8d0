import FluentKit
import SQLKit

/// Collection letters (issue 24, "Letters"): one row per letter a `letter` treatment of the daily
/// run decided, with what the letter states as of its business date (the overdue amount, the days
/// past due, the due date of the oldest unpaid instalment), its template and language. The
/// customer's name and address are not kept here: `arrears letters print` opens them from the
/// customer's record when it writes the letter. `status` is `queued` until the letter is printed
/// (`printed`, with `printed_at`/`printed_by`) or found blocked by then (`withheld`, with `reason`).
struct CreateLetters: AsyncMigration {
    let name = "ArrearsStore.CreateLetters"

    func prepare(on database: any Database) async throws {
        try await database.schema("letters")
            .field("id", .string, .identifier(auto: false))
            .field("case_id", .string, .required)
            .field("customer_id", .string, .required)
            .field("action_id", .string, .required)
            .field("business_date", .string, .required)
            .field("template", .string, .required)
            .field("language", .string, .required)
            .field("currency", .string, .required)
            .field("overdue_minor", .int64, .required)
            .field("dpd", .int, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string)
            .field("printed_at", .string)
            .field("printed_by", .string)
            .create()
        try await (database as! any SQLDatabase).create(index: "letters_business_date").on("letters").column("business_date").run()
        try await (database as! any SQLDatabase).create(index: "letters_case").on("letters").column("case_id").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("letters").delete()
    }
}
