import Foundation
import SQLKit

/// The `users` table: adding users (audited) and finding them.
public enum UserDirectory {
    public static let addAction = "add_user"
    public static let disableAction = "disable_user"
    public static let timeZoneAction = "set_user_time_zone"

    /// Adds `user` and its audit entry (`add_user` by `actor`: username, role, agent, team,
    /// never the password hash) in one transaction.
    public static func add(_ user: User, actor: String, on store: Store) async throws {
        guard User.isValidUsername(user.username) else { throw UserError.invalidUsername(user.username) }
        if let zone = user.timeZone, !User.isValidTimeZone(zone) { throw UserError.unknownTimeZone(zone) }
        try await store.transaction { database in
            if try await find(username: user.username, on: database) != nil { throw UserError.usernameTaken(user.username) }
            try await database.raw("""
                INSERT INTO users (id, username, display_name, role, password_hash, agent_id, team, active, created_at, time_zone)
                VALUES (\(bind: user.id), \(bind: user.username), \(bind: user.displayName), \(bind: user.role.rawValue),
                        \(bind: user.passwordHash), \(bind: user.agentId), \(bind: user.team), \(bind: user.active), \(bind: user.createdAt),
                        \(bind: user.timeZone))
                """).run()
            var details = ["username": user.username, "role": user.role.rawValue, "display_name": user.displayName]
            details["agent_id"] = user.agentId
            details["team"] = user.team
            details["time_zone"] = user.timeZone
            try await AuditLog.append([AuditEvent(actor: actor, action: addAction, subject: "user:" + user.username, details: details)], on: database)
        }
    }

    /// Disables `username` at once: they can no longer sign in, their bearer tokens are deleted
    /// and their browser sessions too (a session names its user in its data, `"user_id":"ID"`;
    /// `SessionUserAuthenticator` also refuses an inactive user's session should one remain).
    /// Audited `disable_user` by `actor` with the number of tokens and sessions ended, in one
    /// transaction. Throws `UserError.unknownUser` for no such user.
    @discardableResult
    public static func disable(username: String, actor: String, on store: Store) async throws -> (tokens: Int, sessions: Int) {
        try await store.transaction { database in
            guard let user = try await find(username: username, on: database) else { throw UserError.unknownUser(username) }
            try await database.raw("UPDATE users SET active = \(bind: false) WHERE id = \(bind: user.id)").run()
            let tokens = try await database.raw("DELETE FROM api_tokens WHERE user_id = \(bind: user.id) RETURNING id").all().count
            let sessions = try await database.raw("""
                DELETE FROM sessions WHERE data LIKE \(bind: "%\"user_id\":\"" + user.id + "\"%") RETURNING id
                """).all().count
            try await AuditLog.append([AuditEvent(actor: actor, action: disableAction, subject: "user:" + username, details: [
                "username": username, "tokens_revoked": String(tokens), "sessions_ended": String(sessions),
            ])], on: database)
            return (tokens, sessions)
        }
    }

    /// Sets `username`'s time zone to the IANA `zone`, or back to the bank's with nil, audited
    /// `set_user_time_zone` by `actor` with the old and new zones, in one transaction. The user's
    /// pages follow at their next request. Throws `UserError.unknownTimeZone` for a zone the
    /// system does not know and `UserError.unknownUser` for no such user.
    public static func setTimeZone(username: String, zone: String?, actor: String, on store: Store) async throws {
        if let zone, !User.isValidTimeZone(zone) { throw UserError.unknownTimeZone(zone) }
        try await store.transaction { database in
            guard let user = try await find(username: username, on: database) else { throw UserError.unknownUser(username) }
            try await database.raw("UPDATE users SET time_zone = \(bind: zone) WHERE id = \(bind: user.id)").run()
            try await AuditLog.append([AuditEvent(actor: actor, action: timeZoneAction, subject: "user:" + username, details: [
                "username": username, "from": user.timeZone ?? "bank", "to": zone ?? "bank",
            ])], on: database)
        }
    }

    public static func find(username: String, on database: any SQLDatabase) async throws -> User? {
        try await database.raw("SELECT \(unsafeRaw: User.columns) FROM users WHERE username = \(bind: username)").first().map(User.init)
    }

    public static func find(id: String, on database: any SQLDatabase) async throws -> User? {
        try await database.raw("SELECT \(unsafeRaw: User.columns) FROM users WHERE id = \(bind: id)").first().map(User.init)
    }

    /// Every user, by username.
    public static func all(on database: any SQLDatabase) async throws -> [User] {
        try await database.raw("SELECT \(unsafeRaw: User.columns) FROM users ORDER BY username").all().map(User.init)
    }
}
