import ArrearsCore
import Foundation
import SQLKit

/// Someone who signs in to Arrears, or a system account such as the SMS gateway (issue 4).
public struct User: Sendable, Equatable {
    public let id: String
    /// Unique; see `User.isValidUsername`.
    public let username: String
    public let displayName: String
    public let role: Role
    /// Bcrypt; the password itself is never stored.
    public let passwordHash: String
    /// The agent's id in `config/teams.yaml` and `actions.assigned_to`: what a collector or field
    /// agent may see is the work assigned to this id.
    public let agentId: String?
    public let team: String?
    /// Only active users can sign in or use their tokens.
    public let active: Bool
    /// ISO 8601 UTC.
    public let createdAt: String
    /// The IANA zone the user's pages show times in and the field agent's "today" follows (see
    /// `User.isValidTimeZone`); nil for the bank's zone (`bank_time_zone` in `config/dates.yaml`).
    public let timeZone: String?

    public init(id: String, username: String, displayName: String, role: Role, passwordHash: String,
                agentId: String?, team: String?, active: Bool, createdAt: String, timeZone: String? = nil) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.passwordHash = passwordHash
        self.agentId = agentId
        self.team = team
        self.active = active
        self.createdAt = createdAt
        self.timeZone = timeZone
    }

    /// 2 to 64 characters, lower-case ASCII letters, digits, `.`, `_` and `-`: a name that reads
    /// the same in every log, URL and audit entry.
    public static func isValidUsername(_ name: String) -> Bool {
        (2...64).contains(name.utf8.count) && name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// The zones the system's time-zone database lists, looked up once.
    private static let knownTimeZones = Set(TimeZone.knownTimeZoneIdentifiers)

    /// An IANA time zone the system knows, such as Europe/London or Asia/Shanghai.
    public static func isValidTimeZone(_ identifier: String) -> Bool {
        !identifier.isEmpty && identifier.utf8.count <= 64
            && (knownTimeZones.contains(identifier) || TimeZones.shared.zone(identifier) != nil)
    }

    static let columns = "users.id, users.username, users.display_name, users.role, users.password_hash, users.agent_id, users.team, users.active, users.created_at, users.time_zone"

    init(_ row: any SQLRow) throws {
        let roleText = try row.decode(column: "role", as: String.self)
        guard let role = Role(rawValue: roleText) else { throw UserError.unknownStoredRole(roleText) }
        self.init(id: try row.decode(column: "id", as: String.self), username: try row.decode(column: "username", as: String.self),
                  displayName: try row.decode(column: "display_name", as: String.self), role: role,
                  passwordHash: try row.decode(column: "password_hash", as: String.self),
                  agentId: try row.decode(column: "agent_id", as: String?.self), team: try row.decode(column: "team", as: String?.self),
                  active: try row.decode(column: "active", as: Bool.self), createdAt: try row.decode(column: "created_at", as: String.self),
                  timeZone: try row.decode(column: "time_zone", as: String?.self))
    }
}
