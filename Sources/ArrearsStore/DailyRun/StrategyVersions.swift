import ArrearsCore
import SQLKit

/// The strategy versions kept in the database.
public enum StrategyVersions {
    public struct Stored: Sendable, Equatable {
        public let version: String
        public let content: String
        public let firstUsedOn: String
    }

    /// A version that was already used with other rules: editing a strategy means a new version.
    public struct Conflict: Error, CustomStringConvertible {
        public let version: String
        public let firstUsedOn: String
        public var description: String {
            "strategy version '\(version)' was first used on \(firstUsedOn) with other rules; give the edited strategy a new version"
        }
    }

    /// Keeps `content` under `version` (first use on `date`); the same version with other text is refused.
    public static func keep(version: String, content: String, on date: LocalDate, database: any SQLDatabase) async throws {
        if let stored = try await find(version, on: database) {
            guard stored.content == content else { throw Conflict(version: version, firstUsedOn: stored.firstUsedOn) }
            return
        }
        try await database.raw("""
            INSERT INTO strategy_versions (version, content, first_used_on) VALUES (\(bind: version), \(bind: content), \(bind: date.description))
            """).run()
    }

    public static func find(_ version: String, on database: any SQLDatabase) async throws -> Stored? {
        guard let row = try await database.raw("SELECT version, content, first_used_on FROM strategy_versions WHERE version = \(bind: version)").first() else {
            return nil
        }
        return Stored(version: try row.decode(column: "version", as: String.self), content: try row.decode(column: "content", as: String.self),
                      firstUsedOn: try row.decode(column: "first_used_on", as: String.self))
    }

    public static func all(on database: any SQLDatabase) async throws -> [Stored] {
        try await database.raw("SELECT version, content, first_used_on FROM strategy_versions ORDER BY first_used_on, version").all().map { row in
            Stored(version: try row.decode(column: "version", as: String.self), content: try row.decode(column: "content", as: String.self),
                   firstUsedOn: try row.decode(column: "first_used_on", as: String.self))
        }
    }
}
