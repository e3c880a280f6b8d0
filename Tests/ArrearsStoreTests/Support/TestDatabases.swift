import ArrearsStore
import Foundation
import SQLKit
import XCTest

/// The databases every store test runs on: a fresh SQLite file always, and PostgreSQL when
/// `ARREARS_TEST_POSTGRES_URL` is set (CI sets it; `ARREARS_REQUIRE_POSTGRES=1` makes its absence
/// a failure rather than a skip).
enum TestDatabases {
    static var postgresURL: String? {
        let url = ProcessInfo.processInfo.environment["ARREARS_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }

    /// Runs `body` once per database, each time on an empty, migrated schema.
    static func each(file: StaticString = #filePath, line: UInt = #line, _ body: (Store, String) async throws -> Void) async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try await Store.open(.sqlite(path: directory.appendingPathComponent("test.sqlite").path))
        do { try await body(sqlite, "sqlite") } catch { await sqlite.shutdown(); throw error }
        await sqlite.shutdown()

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

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Writes CSV text to files in a temporary folder.
struct CSVFiles {
    let directory: URL

    init() throws { directory = try TestDatabases.temporaryDirectory() }

    func write(_ name: String, _ lines: [String]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Collects import issues reported from any thread.
final class IssueCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [ImportIssue] = []
    var issues: [ImportIssue] { lock.withLock { collected } }
    var lines: [String] { issues.map(\.description) }
    func add(_ issue: ImportIssue) { lock.withLock { collected.append(issue) } }
}

extension Store {
    func count(_ table: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first()!.decode(column: "n", as: Int.self)
    }

    /// Imports and returns the issues; `rejected` tells whether the import was refused.
    func importCollecting(_ kind: ImportKind, _ path: String) async throws -> (rejected: Bool, issues: [String]) {
        let collector = IssueCollector()
        do {
            _ = try await PortfolioImporter(store: self).importFile(kind, path: path) { collector.add($0) }
            return (false, collector.lines)
        } catch is ImportRejected {
            return (true, collector.lines)
        }
    }
}
