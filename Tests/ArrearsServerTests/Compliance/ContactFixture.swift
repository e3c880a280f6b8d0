import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// Two customers with an open case each, C1 with a call task for collector c001 on 2026-11-24 and C2 with one for
/// c002, served with the shipped policy pack: the contact and complaints API tests start here.
/// With `now`, the server's clock stands still at that moment.
enum ContactFixture {
    static let policy = try! PolicyConfig.load(fromDirectory: PortfolioPageTests.packageRoot + "/config")

    static func each(now: Date? = nil, _ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            let files = try CSVFiles()
            defer { files.remove() }
            let result = try await store.importCollecting(.customers, try files.write("customers.csv", ContactCustomers.lines))
            XCTAssertFalse(result.rejected, "\(result.issues)")
            // C1's case is assigned to collector c001 today; C2's to someone else.
            for (customer, agent) in [("C1", "c001"), ("C2", "c002")] {
                try await store.sql.raw("""
                    INSERT INTO cases (id, customer_id, status, opened_on, segment, cell, dpd, bucket, currency, overdue_minor, updated_on)
                    VALUES (\(bind: "CASE-\(customer)"), \(bind: customer), 'open', '2026-11-04', 'standard', 'champion', 20, '16-30', 'CNY', 100000, '2026-11-24')
                    """).run()
                try await store.sql.raw("""
                    INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                    VALUES (\(bind: "CASE-\(customer)@2026-11-24"), \(bind: "CASE-\(customer)"), \(bind: customer), '2026-11-24', 'standard', '16-30', 20,
                            'call', 'call', 'champion', 'created', 'Call', 10, \(bind: agent))
                    """).run()
            }
            var context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: policy)
            if let now { context.now = { now } }
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do { try await body(fixture, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }
}
