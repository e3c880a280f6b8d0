import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTest

/// The queue kept in memory between loads (`WorkQueueCache`) shows what `WorkQueue.page` shows,
/// and a change committed by anyone, another process included, is on the next load.
final class WorkQueueCacheTests: XCTestCase {
    static let morning = WorkbenchStoreTests.morning
    static let policy = WorkbenchStoreTests.policy

    /// Runs `body` with a SQLite store holding `WorkbenchFixture`, a second store on the same file
    /// (its own connections, as another process would have), and a cache.
    private func withStores(_ body: (Store, Store, WorkQueueCache) async throws -> Void) async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestDatabases.withSQLite(in: directory) { store in
            try await WorkbenchFixture.load(into: store)
            let other = try await Store.open(store.url)
            do { try await body(store, other, WorkQueueCache(policy: Self.policy)) } catch { await other.shutdown(); throw error }
            await other.shutdown()
        }
    }

    private func load(_ cache: WorkQueueCache, _ store: Store, agent: String = WorkbenchFixture.collector, now: Date = morning) async throws -> [QueueTask] {
        try await store.reading { try await cache.firstPage(agentId: agent, limit: 10, now: now, on: $0) }
    }

    func testTheCachedQueueIsTheQueue() async throws {
        try await withStores { store, _, cache in
            let fresh = try await WorkQueue.page(agentId: WorkbenchFixture.collector, after: nil, limit: 10, now: Self.morning, policy: Self.policy, on: store.sql)
            let first = try await load(cache, store)
            let again = try await load(cache, store)
            XCTAssertEqual(first, fresh)
            XCTAssertEqual(again, fresh, "a second load, from memory, shows the same tasks and verdicts")
            XCTAssertEqual(again.map(\.id), ["KW1:2026-11-23", "KW3:2026-11-23"])
            XCTAssertEqual(again.first?.contactNow?.allowed, true)
        }
    }

    func testChangesByAnotherProcessShowOnTheNextLoad() async throws {
        try await withStores { store, other, cache in
            _ = try await load(cache, store)
            // A supervisor's reassignment, a payment that lowers the overdue amount, a corrected
            // name: all written through the other store's connections.
            try await other.sql.raw("UPDATE actions SET assigned_to = \(bind: WorkbenchFixture.otherCollector) WHERE id = 'KW3:2026-11-23'").run()
            try await other.sql.raw("UPDATE cases SET overdue_minor = 150000 WHERE id = 'KW1'").run()
            try await other.sql.raw("UPDATE customers SET name = '王芳芳' WHERE id = 'CW1'").run()
            let after = try await load(cache, store)
            XCTAssertEqual(after.map(\.id), ["KW1:2026-11-23"], "the reassigned task left the queue")
            XCTAssertEqual(after.first?.overdueMinor, 150_000)
            XCTAssertEqual(after.first?.customerName, "王芳芳")
            let theirs = try await load(cache, store, agent: WorkbenchFixture.otherCollector)
            XCTAssertEqual(Set(theirs.map(\.id)), ["KW2:2026-11-23", "KW3:2026-11-23"])
            // The next daily run's action replaces the task.
            try await other.sql.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                VALUES ('KW1:2026-11-24', 'KW1', 'CW1', '2026-11-24', 'standard', '31-60', 54, 'sms', 'sms', 'champion', 'created', '', 50, NULL)
                """).run()
            let replaced = try await load(cache, store)
            XCTAssertTrue(replaced.isEmpty, "an action of a later day replaces the open task: \(replaced.map(\.id))")
        }
    }

    /// The daily run writes its cases and actions in bulk with the tables' work-queue triggers set
    /// aside (`WorkQueueTriggers`) and moves the counter once: the queue still shows the run's
    /// work on the next load, and single changes after it are still noticed.
    func testABulkWriteOfTheDailyRunShowsOnTheNextLoad() async throws {
        try await withStores { store, other, cache in
            let first = try await load(cache, store)
            XCTAssertEqual(first.map(\.id), ["KW1:2026-11-23", "KW3:2026-11-23"])
            let actions = BulkInsert(
                table: "actions",
                columns: ["id", "case_id", "customer_id", "business_date", "segment", "bucket", "dpd", "treatment", "channel", "cell", "status", "reason", "priority", "assigned_to"],
                key: ["id"], onConflict: .ignore)
            func action(_ id: String, caseId: String, customerId: String) -> [BulkValue] {
                [.text(id), .text(caseId), .text(customerId), .text("2026-11-24"), .text("standard"), .text("31-60"), .integer(54), .text("sms"),
                 .text("sms"), .text("champion"), .text("created"), .text(""), .integer(50), .null]
            }
            // KW1's action of the next day (which replaces its open task) among 1,500 others.
            let rows = [action("KW1:2026-11-24", caseId: "KW1", customerId: "CW1")]
                + (0..<1_500).map { action("KX\($0):2026-11-24", caseId: "KX\($0)", customerId: "CX\($0)") }
            let counter = "SELECT value FROM change_counters WHERE name = 'work_queue'"
            let before = try await other.sql.raw(SQLQueryString(counter)).first()?.decode(column: "value", as: Int.self)
            try await other.transaction { try await BulkWriter(database: $0).insert(actions, rows) }
            let moved = try await other.sql.raw(SQLQueryString(counter)).first()?.decode(column: "value", as: Int.self)
            XCTAssertEqual(moved, before.map { $0 + 1 }, "one move for the whole write, not one a row")
            let replaced = try await load(cache, store)
            XCTAssertEqual(replaced.map(\.id), ["KW3:2026-11-23"], "the bulk write's action replaced KW1's task")
            // The triggers are back: a reassignment written alone still shows.
            try await other.sql.raw("UPDATE actions SET assigned_to = \(bind: WorkbenchFixture.otherCollector) WHERE id = 'KW3:2026-11-23'").run()
            let reassigned = try await load(cache, store)
            XCTAssertEqual(reassigned.map(\.id), [], "the reassigned task left the queue")
        }
    }

    func testAContactRecordChangesThatCustomersVerdictOnly() async throws {
        try await withStores { store, other, cache in
            let before = try await load(cache, store)
            XCTAssertEqual(before.map { $0.contactNow?.allowed }, [true, true])
            _ = try await ContactRecords.addFlag(CustomerFlag(kind: .doNotContact), customerId: "CW3", note: "asked in writing", by: "test",
                                                 at: Self.morning, on: other.sql)
            let after = try await load(cache, store)
            XCTAssertEqual(after.first { $0.customerId == "CW3" }?.contactNow?.allowed, false, "the new flag blocks the call at once")
            XCTAssertEqual(after.first { $0.customerId == "CW1" }?.contactNow?.allowed, true)
            try await other.sql.raw("DELETE FROM customer_flags WHERE customer_id = 'CW3'").run()
            let cleared = try await load(cache, store)
            XCTAssertEqual(cleared.first { $0.customerId == "CW3" }?.contactNow?.allowed, true, "and its removal allows it again")
        }
    }

    func testVerdictsFollowTheClockMinuteByMinute() async throws {
        try await withStores { store, _, cache in
            // 21:59:30 in Shanghai, half a minute before the quiet hours (22:00-08:00), then 22:00.
            let evening = ContactRecords.instant("2026-11-24T21:59:30+08:00")!
            let quiet = ContactRecords.instant("2026-11-24T22:00:00+08:00")!
            let before = try await load(cache, store, now: evening)
            XCTAssertEqual(before.first?.contactNow?.allowed, true)
            let after = try await load(cache, store, now: quiet)
            XCTAssertEqual(after.first?.contactNow?.allowed, false, "the quiet hours start on the minute, cached or not")
        }
    }
}
