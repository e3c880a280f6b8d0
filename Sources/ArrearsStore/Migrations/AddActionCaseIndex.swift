import FluentKit
import SQLKit

/// Finds a case's actions (the latest one names who the case is assigned to) without reading
/// every action: `GET /api/v1/cases` asks this for every case it lists.
struct AddActionCaseIndex: AsyncMigration {
    let name = "ArrearsStore.AddActionCaseIndex"

    func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).create(index: "actions_case_id").on("actions").column("case_id").column("business_date").run()
    }

    func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).drop(index: "actions_case_id").run()
    }
}
