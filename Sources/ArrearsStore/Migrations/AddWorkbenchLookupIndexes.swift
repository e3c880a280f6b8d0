import FluentKit
import SQLKit

/// Indexes for what every workbench request asks, measured on the benchmark portfolio:
///
/// - `actions_customer_assignee`: whether a customer is within a collector's work (the scope
///   check on every case page, API call and logged attempt). It used to walk all of the
///   collector's actions, every day's, reading each to compare the customer.
/// - `contact_attempts_customer_recent` (in place of `contact_attempts_customer`): a customer's
///   latest attempts in the order the case page lists them, newest first and by id, so that the
///   page reads its 50 and stops; before, attempts made at the same minute had all to be read and
///   sorted. It also carries what the contact policy reads of each attempt in its look-back
///   (channel, contact point, outcome), so that the check on every contact reads the index alone.
/// - `arrangements_account`: an account's arrangements, closed ones included (the case page lists
///   them for every account of the customer; `arrangements_one_open` holds only the open ones).
struct AddWorkbenchLookupIndexes: AsyncMigration {
    let name = "ArrearsStore.AddWorkbenchLookupIndexes"

    func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.create(index: "actions_customer_assignee").on("actions").column("customer_id").column("assigned_to").run()
        try await sql.raw("CREATE INDEX contact_attempts_customer_recent ON contact_attempts (customer_id, attempted_at DESC, id, channel, contact_point, outcome, note, recorded_by, breached_rule)").run()
        try await sql.drop(index: "contact_attempts_customer").run()
        try await sql.create(index: "arrangements_account").on("arrangements").column("account_id").column("id").run()
    }

    func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.drop(index: "arrangements_account").run()
        try await sql.create(index: "contact_attempts_customer").on("contact_attempts").column("customer_id").column("attempted_at").run()
        try await sql.drop(index: "contact_attempts_customer_recent").run()
        try await sql.drop(index: "actions_customer_assignee").run()
    }
}
