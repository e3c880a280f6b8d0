import FluentKit

/// The people (and system accounts such as the SMS gateway) who sign in to Arrears, with their
/// role (issue 4, "Security"). `agent_id` is the agent's id in `config/teams.yaml` and in
/// `actions.assigned_to`: it ties a collector or field agent to the work assigned to them.
/// Passwords are kept only as bcrypt hashes.
struct CreateUsers: AsyncMigration {
    let name = "ArrearsStore.CreateUsers"

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field("id", .string, .identifier(auto: false))
            .field("username", .string, .required)
            .field("display_name", .string, .required)
            .field("role", .string, .required)
            .field("password_hash", .string, .required)
            .field("agent_id", .string)
            .field("team", .string)
            .field("active", .bool, .required)
            .field("created_at", .string, .required)
            .unique(on: "username")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("users").delete()
    }
}
