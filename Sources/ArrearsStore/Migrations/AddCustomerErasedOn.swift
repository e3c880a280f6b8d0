import FluentKit
import SQLKit

/// The date retention erased a customer's personal data (issue 24, "Retention"): null while the
/// customer's data is kept. The row itself stays, anonymised, so that the accounts, cases and
/// payments that refer to it still add up in reports (`RetentionRun`).
struct AddCustomerErasedOn: AsyncMigration {
    let name = "ArrearsStore.AddCustomerErasedOn"

    func prepare(on database: any Database) async throws {
        try await database.schema("customers").field("erased_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("customers").deleteField("erased_on").update()
    }
}
