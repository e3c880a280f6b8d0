import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

extension SecurityFixture {
    /// `each` with one customer, C1 (王芳, rating B), holding one personal loan, A1 (CNY 3,000),
    /// that owes 115.00 (100.00 + 10.00 + 5.00) on each of `dueDays` days from `today`.
    static func eachWithOneLoan(today: LocalDate, dueDays: [Int],
                                _ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await each { fixture, database in
            let files = try CSVFiles()
            defer { files.remove() }
            let dues = dueDays.map { "A1,\(today.adding(days: $0)),100.00,10.00,5.00" }
            for (kind, lines) in [
                (ImportKind.customers, ["customer_id,name,credit_rating", "C1,王芳,B"]),
                (.accounts, ["account_id,customer_id,product,currency,principal,opened_on", "A1,C1,personal_loan,CNY,3000,2025-01-01"]),
                (.dues, ["account_id,due_on,principal,interest,fees"] + dues),
            ] {
                let result = try await fixture.store.importCollecting(kind, try files.write("\(kind.rawValue).csv", lines))
                XCTAssertFalse(result.rejected, "\(result.issues)")
            }
            try await body(fixture, database)
        }
    }

    /// `each` with the workbench's customers and cases (`WorkbenchFixture`) and the `cn` pack.
    static func eachOnTheWorkbench(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: WorkbenchAPITests.policy)
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do { try await body(fixture, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }
}
