import FluentKit
import SQLKit

/// At most one open visit per case (issue 24: a case dispatched twice sent the customer two
/// notices and a cancellation): a partial unique index over the visits dispatched or confirmed,
/// which holds when two supervisors dispatch at once (`VisitBook.dispatch` inserts with `ON
/// CONFLICT DO NOTHING` and refuses the second). A database holding two open visits of one case
/// from before keeps its older one open: the newer ones are cancelled, with the reason.
struct AddOneOpenVisitPerCase: AsyncMigration {
    let name = "ArrearsStore.AddOneOpenVisitPerCase"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("""
            UPDATE visits SET status = 'cancelled', cancel_reason = 'a second open visit of the case, cancelled when one open visit per case became the rule',
                cancelled_by = 'system:migration'
            WHERE status IN ('dispatched', 'confirmed') AND EXISTS (
                SELECT 1 FROM visits o WHERE o.case_id = visits.case_id AND o.status IN ('dispatched', 'confirmed')
                    AND (o.dispatched_at < visits.dispatched_at OR (o.dispatched_at = visits.dispatched_at AND o.id < visits.id)))
            """).run()
        try await sql.raw("CREATE UNIQUE INDEX visits_one_open_per_case ON visits (case_id) WHERE status IN ('dispatched', 'confirmed')").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.raw("DROP INDEX visits_one_open_per_case").run()
    }
}
