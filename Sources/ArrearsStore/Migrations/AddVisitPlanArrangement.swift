import FluentKit

/// The plan request a visit report created (issue 24: "customer asked for a plan" proposes an
/// instalment plan for approval): `visits.plan_arrangement_id`, the arrangement's id.
struct AddVisitPlanArrangement: AsyncMigration {
    let name = "ArrearsStore.AddVisitPlanArrangement"

    func prepare(on database: any Database) async throws {
        try await database.schema("visits").field("plan_arrangement_id", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("visits").deleteField("plan_arrangement_id").update()
    }
}
