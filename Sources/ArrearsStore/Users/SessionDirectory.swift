import Foundation
import SQLKit

/// The `sessions` table behind the server's session driver. Keys are the SHA-256 of session
/// ids (the server hashes them); data is a JSON object of strings.
public enum SessionDirectory {
    public struct Stored: Sendable, Equatable {
        public let data: [String: String]
        public let expiresAt: Date
    }

    public static func insert(key: String, data: [String: String], expiresAt: Date, on database: any SQLDatabase) async throws {
        try await database.raw("""
            INSERT INTO sessions (id, data, expires_at) VALUES (\(bind: key), \(bind: try encode(data)), \(bind: OutboxTimestamp.text(expiresAt)))
            """).run()
    }

    /// The session under `key`, unless it expired before `now`.
    public static func read(key: String, at now: Date, on database: any SQLDatabase) async throws -> Stored? {
        guard let row = try await database.raw("""
            SELECT data, expires_at FROM sessions WHERE id = \(bind: key) AND expires_at > \(bind: OutboxTimestamp.text(now))
            """).first() else { return nil }
        let data = try JSONDecoder().decode([String: String].self, from: Data(try row.decode(column: "data", as: String.self).utf8))
        return Stored(data: data, expiresAt: OutboxTimestamp.date(try row.decode(column: "expires_at", as: String.self)) ?? now)
    }

    public static func update(key: String, data: [String: String], expiresAt: Date, on database: any SQLDatabase) async throws {
        try await database.raw("""
            UPDATE sessions SET data = \(bind: try encode(data)), expires_at = \(bind: OutboxTimestamp.text(expiresAt)) WHERE id = \(bind: key)
            """).run()
    }

    public static func delete(key: String, on database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM sessions WHERE id = \(bind: key)").run()
    }

    /// Removes the sessions that expired before `now`.
    public static func deleteExpired(at now: Date, on database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM sessions WHERE expires_at <= \(bind: OutboxTimestamp.text(now))").run()
    }

    private static func encode(_ data: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(data), as: UTF8.self)
    }
}
