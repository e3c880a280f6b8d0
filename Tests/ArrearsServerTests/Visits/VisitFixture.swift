import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import XCTVapor

/// `WorkbenchFixture`'s book (customers in 上海, Asia/Shanghai) served on each test database with
/// the field teams of `config/teams.yaml` and a clock that stands still at `start` until the test
/// moves it (a visit is dispatched a day ahead and reported in its window); with `policy`, the
/// shipped `cn` pack judges the reports.
enum VisitFixture {
    static let teams = try! TeamsConfig.load(fromDirectory: PortfolioPageTests.packageRoot + "/config")

    static func each(start: Date = Date(), policy: Bool = false, _ body: (SecurityFixture, FakeClock, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let clock = FakeClock(start)
            var context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: policy ? ContactFixture.policy : nil,
                                        analytics: AnalyticsSettings(agents: teams))
            context.now = clock.reading
            let fixture = SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
            do { try await body(fixture, clock, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }
}
