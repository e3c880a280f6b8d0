import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// A day run in partitions is all-or-nothing for the workbench (docs/scale-out.md): while its
/// partitions write the day's actions and its final step has not published it, the queue keeps
/// the previous day's tasks.
final class UnpublishedDayQueueTests: XCTestCase {
    func testTheQueueKeepsThePreviousDaysTasksUntilThePartitionedDayIsPublished() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            // 2026-11-24 is planned in partitions, and one partition has written KW1's action of the day.
            try await store.sql.raw("""
                INSERT INTO run_day_plans (business_date, partitions, strategy_version, pay_url_base, root_hash, planned_at, summary)
                VALUES ('2026-11-24', 2, 'v1', 'https://collections.example.test/s/', '', '2026-11-24T01:00:00Z', '{}')
                """).run()
            try await store.sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority)
                VALUES ('KW1:2026-11-24', 'KW1', 'CW1', '2026-11-24', 'standard', '31-60', 54, 'sms_reminder', 'sms', 'champion', 'created', 'r', 10)
                """).run()
            let during = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: nil, limit: 10, policy: nil, on: store.sql)
            XCTAssertEqual(during.map(\.id), ["KW1:2026-11-23", "KW3:2026-11-23"], "the day in progress replaces nothing yet (\(database))")
            let latestDuring = try await ComplianceWatch.latestBusinessDate(on: store.sql)
            XCTAssertEqual(latestDuring?.description, "2026-11-23")

            try await store.sql.raw("""
                INSERT INTO run_days (business_date, strategy_version, completed_at, summary) VALUES ('2026-11-24', 'v1', '2026-11-24T02:00:00Z', '{}')
                """).run()
            let after = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: nil, limit: 10, policy: nil, on: store.sql)
            XCTAssertEqual(after.map(\.id), ["KW3:2026-11-23"], "once published, the day's action replaces KW1's task (\(database))")
            let latestAfter = try await ComplianceWatch.latestBusinessDate(on: store.sql)
            XCTAssertEqual(latestAfter?.description, "2026-11-24")
        }
    }
}
