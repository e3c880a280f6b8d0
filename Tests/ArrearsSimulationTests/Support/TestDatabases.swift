import ArrearsStore
import Foundation
import SQLKit
import XCTest

/// The databases every simulation test runs on: a fresh SQLite file always, and PostgreSQL when
/// `ARREARS_TEST_POSTGRES_URL` is set (`ARREARS_REQUIRE_POSTGRES=1` makes its absence a failure
/// rather than a skip). The same pattern as the store tests' helper, which is not shared across
/// test targets.
enum TestDatabases {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["ARREARS_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }

    /// Runs `body` once per database, each time on an empty, migrated schema.
    static func each(file: StaticString = #filePath, line: UInt = #line, _ body: (Store, String) async throws -> Void) async throws {
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
    static func withSQLite(in directory: URL, _ body: (Store) async throws -> Void) async throws {
        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("\(UUID().uuidString).sqlite").path))
        do { try await body(store) } catch { await store.shutdown(); throw error }
        await store.shutdown()
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

extension Store {
    /// One integer from a query with a column `n`.
    func scalar(_ query: String) async throws -> Int {
        try await sql.raw(SQLQueryString(stringLiteral: query)).first()!.decode(column: "n", as: Int.self)
    }
}
