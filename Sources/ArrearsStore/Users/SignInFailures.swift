import Foundation
import SQLKit

/// The `sign_in_failures` table behind sign-in throttling: one row per failure and key.
public enum SignInFailures {
    /// Records one failure under each of `keys`, and forgets failures older than `forgetBefore`.
    public static func record(keys: [String], at now: Date, forgetBefore: Date, on store: Store) async throws {
        try await store.transaction { database in
            for key in keys {
                try await database.raw("INSERT INTO sign_in_failures (throttle_key, failed_at) VALUES (\(bind: key), \(bind: OutboxTimestamp.text(now)))").run()
            }
            try await database.raw("DELETE FROM sign_in_failures WHERE failed_at < \(bind: OutboxTimestamp.text(forgetBefore))").run()
        }
    }

    /// How many failures `key` has since `since`, and when the oldest of them was.
    public static func recent(key: String, since: Date, on database: any SQLDatabase) async throws -> (count: Int, oldest: Date?) {
        let row = try await database.raw("""
            SELECT COUNT(*) AS n, MIN(failed_at) AS oldest FROM sign_in_failures WHERE throttle_key = \(bind: key) AND failed_at >= \(bind: OutboxTimestamp.text(since))
            """).first()
        let count = try row?.decode(column: "n", as: Int.self) ?? 0
        return (count, try row?.decode(column: "oldest", as: String?.self).flatMap(OutboxTimestamp.date))
    }

    /// Forgets every failure of `key` (a successful sign-in clears its username's count).
    public static func clear(key: String, on database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM sign_in_failures WHERE throttle_key = \(bind: key)").run()
    }
}
