import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

extension Store {
    /// Imports a generated portfolio of `customers` customers (`PortfolioGenerator` with `seed`,
    /// as of `asOf`), every file of it; a file rejected fails the test with its first issues.
    func importGenerated(customers: Int, seed: UInt64, asOf: LocalDate) async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try PortfolioGenerator(customers: customers, seed: seed, asOf: asOf).write(to: directory)
        for kind in ImportKind.allCases {
            let result = try await importCollecting(kind, directory.appendingPathComponent("\(kind.rawValue).csv").path)
            XCTAssertFalse(result.rejected, "\(result.issues.prefix(3))")
        }
    }
}
