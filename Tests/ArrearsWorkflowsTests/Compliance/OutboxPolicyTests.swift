import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// Messages are checked again at the moment they would be sent: a delivery run in the
/// customer's night holds them until morning, and a dispute recorded after the daily run stops
/// the message for good.
final class OutboxPolicyTests: XCTestCase {
    func testDeliveryWaitsForTheContactTimeHoldsAtNightAndDropsDisputedCustomers() async throws {
        let day = LocalDate(iso: "2026-06-30")!
        let config = ShippedPacksTests.config
        let policy = try PolicyConfig.load(fromDirectory: config)
        try await TestDatabases.each { store, database in
            let directory = try TestDatabases.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            _ = try PortfolioGenerator(customers: 300, seed: 11, asOf: day).write(to: directory)
            for kind in ImportKind.allCases {
                _ = try await store.importCollecting(kind, directory.appendingPathComponent("\(kind.rawValue).csv").path)
            }
            let strategy = try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard)
            _ = try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config),
                                   policy: policy).run(day)
            let shanghai = "SELECT COUNT(*) AS n FROM outbox_messages o JOIN customers c ON c.id = o.customer_id WHERE c.time_zone = 'Asia/Shanghai'"
            let queued = try await store.scalar(shanghai)
            XCTAssertGreaterThan(queued, 5, database)
            let disputed = try await store.sql.raw("""
                SELECT o.customer_id FROM outbox_messages o JOIN customers c ON c.id = o.customer_id
                WHERE c.time_zone = 'Asia/Shanghai' ORDER BY o.id LIMIT 1
                """).first()!.decode(column: "customer_id", as: String.self)
            try await store.transaction { db in
                try await ContactRecords.addFlag(CustomerFlag(kind: .dispute), customerId: disputed, note: "called in to dispute", by: "test", on: db)
            }

            func deliver(at text: String) async throws -> OutboxDeliveryReport {
                var delivery = OutboxDelivery(store: store, adapter: FileOutboxAdapter(path: directory.appendingPathComponent("sent.jsonl").path),
                                              now: { ContactRecords.date(text)! })
                delivery.contactPolicy = policy
                return try await delivery.deliverDue()
            }
            let early = try await deliver(at: "2026-06-30T00:30:00Z")
            let sentEarly = try await store.scalar(shanghai + " AND o.status = 'sent'")
            XCTAssertEqual(sentEarly, 0, "\(database): 08:30 in Shanghai is before the run's 10:00")
            XCTAssertEqual(early.blocked, 0, database)

            let night = try await deliver(at: "2026-06-30T15:30:00Z")
            let sentAtNight = try await store.scalar(shanghai + " AND o.status = 'sent'")
            XCTAssertEqual(sentAtNight, 0, "\(database): 23:30 in Shanghai: nothing goes out")
            XCTAssertGreaterThanOrEqual(night.held, queued - 1, "\(database): every Shanghai message but the disputed one, and others in the same night")
            XCTAssertEqual(night.blocked, 1, database)
            let held = try await store.sql.raw(SQLQueryString(stringLiteral: shanghai.replacingOccurrences(of: "COUNT(*) AS n", with: "DISTINCT o.next_attempt_at, o.attempts")
                                                              + " AND o.status = 'pending'")).all()
            XCTAssertEqual(try held.map { try $0.decode(column: "next_attempt_at", as: String.self) }, ["2026-07-01T00:00:00Z"], database)
            XCTAssertEqual(try held.map { try $0.decode(column: "attempts", as: Int.self) }, [0], "\(database): a held message used no attempt")

            let morning = try await deliver(at: "2026-07-01T02:00:00Z")
            XCTAssertEqual(morning.sent, morning.attempted, database)
            let sentInTheMorning = try await store.scalar(shanghai + " AND o.status = 'sent'")
            XCTAssertEqual(sentInTheMorning, queued - 1, database)
            let dropped = try await store.sql.raw("SELECT status, last_error FROM outbox_messages WHERE customer_id = \(bind: disputed)").first()!
            XCTAssertEqual(try dropped.decode(column: "status", as: String.self), "failed", database)
            XCTAssertTrue(try dropped.decode(column: "last_error", as: String.self).hasPrefix("blocked by universal.dispute"), database)
        }
    }
}
