import ArrearsStore
import Foundation
import SQLKit
import XCTest

/// The databases every database test runs on: a fresh SQLite file always, and PostgreSQL when
/// `ARREARS_TEST_POSTGRES_URL` is set (`scripts/test` and CI set it; `ARREARS_REQUIRE_POSTGRES=1`
/// makes its absence a failure rather than a skip). Shared by the store and simulation tests.
public enum TestDatabases {
    public static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["ARREARS_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }

    /// Runs `body` once per database, each time on an empty, migrated schema. The PostgreSQL
    /// database's `public` schema is dropped and made anew: give the tests a database of their own.
    public static func each(file: StaticString = #filePath, line: UInt = #line, _ body: (Store, String) async throws -> Void) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await withSQLite(in: directory) { try await body($0, "sqlite") }

        guard let postgresURL else {
            if ProcessInfo.processInfo.environment["ARREARS_REQUIRE_POSTGRES"] == "1" {
                XCTFail("ARREARS_REQUIRE_POSTGRES=1 but ARREARS_TEST_POSTGRES_URL is not set", file: file, line: line)
            }
            return
        }
        try await emptyPostgres(postgresURL)
        let postgres = try await Store.open(.postgres(url: postgresURL))
        do { try await body(postgres, "postgres") } catch { await postgres.shutdown(); throw error }
        await postgres.shutdown()
    }

    /// Drops the PostgreSQL database's `public` schema and makes it anew (not migrated).
    ///
    /// A session an earlier test left behind (a process it killed or stopped, a server it did not
    /// stop) may still hold a table; then the drop would wait for ever, holding up the whole
    /// suite. It waits a minute at most: then the sessions on the database are named on the
    /// standard error, ended, and the drop is tried again.
    public static func emptyPostgres(_ url: String) async throws {
        let cleaner = try await Store.open(.postgres(url: url), migrate: false)
        do {
            let drop: @Sendable (any SQLDatabase) async throws -> Void = { database in
                try await database.raw("SET LOCAL lock_timeout = '60s'").run()
                try await database.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
                try await database.raw("CREATE SCHEMA public").run()
            }
            do { try await cleaner.transaction(drop) } catch {
                let others = "FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                let sessions = try await cleaner.sql.raw("""
                    SELECT pid, COALESCE(application_name, '') AS app, COALESCE(state, '') AS state, LEFT(COALESCE(query, ''), 200) AS query \(unsafeRaw: others)
                    """).all()
                let described = try sessions.map { row in
                    "pid \(try row.decode(column: "pid", as: Int.self)) \(try row.decode(column: "app", as: String.self)) "
                        + "\(try row.decode(column: "state", as: String.self)): \(try row.decode(column: "query", as: String.self))"
                }
                FileHandle.standardError.write(Data("""
                    TestDatabases: the public schema could not be dropped (\(String(reflecting: error))); ending the sessions left on the database:
                    \(described.joined(separator: "\n"))

                    """.utf8))
                _ = try await cleaner.sql.raw("SELECT pg_terminate_backend(pid) AS ended \(unsafeRaw: others)").all()
                // The cleaner's own idle connections were among them: a try on one of those fails
                // at once, and the pool opens another.
                var attempt = 0
                while true {
                    do { try await cleaner.transaction(drop); break } catch where attempt < 3 { attempt += 1 }
                }
            }
        } catch {
            await cleaner.shutdown()
            throw error
        }
        await cleaner.shutdown()
    }

    /// Runs `body` on a new, migrated SQLite database in `directory`.
    public static func withSQLite(in directory: URL, _ body: (Store) async throws -> Void) async throws {
        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("\(UUID().uuidString).sqlite").path))
        do { try await body(store) } catch { await store.shutdown(); throw error }
        await store.shutdown()
    }

    public static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Writes CSV text to files in a temporary folder.
public struct CSVFiles {
    public let directory: URL

    public init() throws { directory = try TestDatabases.temporaryDirectory() }

    public func write(_ name: String, _ lines: [String]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    public func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Collects import issues reported from any thread.
public final class IssueCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [ImportIssue] = []
    public init() {}
    public var issues: [ImportIssue] { lock.withLock { collected } }
    public var lines: [String] { issues.map(\.description) }
    public func add(_ issue: ImportIssue) { lock.withLock { collected.append(issue) } }
}

extension Store {
    public func count(_ table: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
    }

    /// One integer from a query with a column `n`.
    public func scalar(_ query: String) async throws -> Int {
        try await sql.raw(SQLQueryString(stringLiteral: query)).first()!.decode(column: "n", as: Int.self)
    }

    /// Imports and returns the issues; `rejected` tells whether the import was refused.
    public func importCollecting(_ kind: ImportKind, _ path: String) async throws -> (rejected: Bool, issues: [String]) {
        let collector = IssueCollector()
        do {
            _ = try await PortfolioImporter(store: self).importFile(kind, path: path) { collector.add($0) }
            return (false, collector.lines)
        } catch is ImportRejected {
            return (true, collector.lines)
        }
    }
}
