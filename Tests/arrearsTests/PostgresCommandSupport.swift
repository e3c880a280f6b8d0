import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// The PostgreSQL database of the command-line tests (`ARREARS_TEST_POSTGRES_URL`, as for the
/// store tests): nil when it is not set, a failure too with `ARREARS_REQUIRE_POSTGRES=1`.
enum PostgresCommandSupport {
    static func url(file: StaticString = #filePath, line: UInt = #line) -> String? {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["ARREARS_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        if environment["ARREARS_REQUIRE_POSTGRES"] == "1" {
            XCTFail("ARREARS_REQUIRE_POSTGRES=1 but ARREARS_TEST_POSTGRES_URL is not set", file: file, line: line)
        }
        return nil
    }

    /// Empties the database (its `public` schema dropped and made anew) and migrates it.
    static func fresh(_ url: String) async throws {
        try await TestDatabases.emptyPostgres(url)
        let cleaner = try await Store.open(.postgres(url: url), migrate: false)
        do {
            try await cleaner.migrate()
        } catch {
            await cleaner.shutdown()
            throw error
        }
        await cleaner.shutdown()
    }
}
