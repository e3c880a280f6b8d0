import FluentKit

/// A user's own time zone (issue 25: times are shown in each user's local time, set by an
/// admin): an IANA name such as Europe/London, nil for the bank's zone (`bank_time_zone` in
/// `config/dates.yaml`).
struct AddUserTimeZone: AsyncMigration {
    let name = "ArrearsStore.AddUserTimeZone"

    func prepare(on database: any Database) async throws {
        try await database.schema("users").field("time_zone", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").deleteField("time_zone").update()
    }
}
