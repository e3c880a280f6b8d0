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
        let cleaner = try await Store.open(.postgres(url: postgresURL), migrate: false)
        try await cleaner.sql.raw("DROP SCHEMA IF EXISTS public CASCADE").run()
        try await cleaner.sql.raw("CREATE SCHEMA public").run()
        await cleaner.shutdown()
        let postgres = try await Store.open(.postgres(url: postgresURL))
        do { try await body(postgres, "postgres") } catch { await postgres.shutdown(); throw error }
        await postgres.shutdown()
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
