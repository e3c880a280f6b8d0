import FluentKit
import SQLKit

/// Failed sign-ins, one row per failure and throttling key (`user:NAME`, `ip:ADDRESS`), so that
/// sign-in throttling holds across server processes.
struct CreateSignInFailures: AsyncMigration {
    let name = "ArrearsStore.CreateSignInFailures"

    func prepare(on database: any Database) async throws {
        try await database.schema("sign_in_failures")
            .field("throttle_key", .string, .required)
            .field("failed_at", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "sign_in_failures_key").on("sign_in_failures").column("throttle_key").column("failed_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("sign_in_failures").delete()
    }
}
