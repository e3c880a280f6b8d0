import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import Foundation
import SQLKit
import XCTest

/// The daily run checks every treatment against the policy pack: what the pack forbids becomes
/// a blocked action with the rule and the next allowed moment, and no message or task.
final class DailyRunPolicyTests: XCTestCase {
    static let config = ShippedPacksTests.config

    private func load(_ store: Store, asOf day: LocalDate) async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try PortfolioGenerator(customers: 300, seed: 11, asOf: day).write(to: directory)
        for kind in ImportKind.allCases {
            let result = try await store.importCollecting(kind, directory.appendingPathComponent("\(kind.rawValue).csv").path)
            XCTAssertFalse(result.rejected, "\(result.issues.prefix(3))")
        }
    }

    private func run(_ store: Store, _ day: LocalDate, policy: PolicySettings? = nil) async throws -> DailyRunSummary {
        let strategy = try StrategyConfig.load(path: Self.config + "/strategy.yaml", buckets: .standard)
        return try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: Self.config),
                                  policy: try policy ?? PolicyConfig.load(fromDirectory: Self.config)).run(day)
    }

    /// Delinquent customers as of `day`, most overdue first.
    private func delinquentCustomers(_ store: Store, _ day: LocalDate, count: Int) async throws -> [String] {
        try await PositionRepository(store: store, buckets: .standard).recompute(asOf: day)
        return try await store.sql.raw("""
            SELECT a.customer_id, MAX(p.dpd) AS dpd FROM account_positions p JOIN accounts a ON a.id = p.account_id
            WHERE p.dpd > 0 GROUP BY a.customer_id ORDER BY MAX(p.dpd) DESC, a.customer_id LIMIT \(unsafeRaw: String(count))
            """).all().map { try $0.decode(column: "customer_id", as: String.self) }
    }

    func testFlaggedCustomersGetBlockedActionsWithTheRuleAndNoContact() async throws {
        let day = LocalDate(iso: "2026-06-30")!
        try await TestDatabases.each { store, database in
            try await load(store, asOf: day)
            let flagged = try await delinquentCustomers(store, day, count: 2)
            try await store.transaction { db in
                try await ContactRecords.addFlag(CustomerFlag(kind: .dispute), customerId: flagged[0], note: "letter of 2026-06-20", by: "test", on: db)
                try await ContactRecords.addFlag(CustomerFlag(kind: .bankruptcy), customerId: flagged[1], note: nil, by: "test", on: db)
            }
            let summary = try await run(store, day)
            XCTAssertEqual(summary.policyPack, "cn", database)
            XCTAssertEqual(summary.blockedByRule?["universal.dispute"], 1, database)
            XCTAssertEqual(summary.blockedByRule?["universal.bankruptcy"], 1, database)
            for (customer, rule) in [(flagged[0], "universal.dispute"), (flagged[1], "universal.bankruptcy")] {
                let row = try await XCTUnwrapAsync(try await store.sql.raw("""
                    SELECT status, rule, reason, next_allowed_at, assigned_to FROM actions WHERE customer_id = \(bind: customer)
                    """).first(), database)
                XCTAssertEqual(try row.decode(column: "status", as: String.self), "blocked", database)
                XCTAssertEqual(try row.decode(column: "rule", as: String?.self), rule, database)
                XCTAssertTrue(try row.decode(column: "reason", as: String.self).hasPrefix("Collection stops") || rule != "universal.dispute", database)
                XCTAssertNil(try row.decode(column: "next_allowed_at", as: String?.self), "\(database): an open-ended flag gives no next moment")
                XCTAssertNil(try row.decode(column: "assigned_to", as: String?.self), database)
                let messages = try await store.scalar("SELECT COUNT(*) AS n FROM outbox_messages WHERE customer_id = '\(customer)'")
                XCTAssertEqual(messages, 0, database)
                let cadence = try await store.scalar("SELECT COUNT(*) AS n FROM case_cadence c JOIN cases k ON k.id = c.case_id WHERE k.customer_id = '\(customer)'")
                XCTAssertEqual(cadence, 0, "\(database): a blocked treatment is decided again tomorrow")
            }
            XCTAssertGreaterThan(summary.messagesQueued, 0, "the others are contacted as usual")
        }
    }

    func testOnAPublicHolidayNothingGoesOutAndEveryActionSaysWhenItMayResume() async throws {
        let holiday = LocalDate(iso: "2026-10-02")!
        try await TestDatabases.each { store, database in
            try await load(store, asOf: holiday)
            let summary = try await run(store, holiday)
            XCTAssertEqual(summary.messagesQueued, 0, database)
            XCTAssertEqual(summary.tasksAssigned, 0, database)
            XCTAssertEqual(summary.byStatus["created"], nil, database)
            XCTAssertGreaterThan(summary.blockedByRule?["universal.holiday"] ?? 0, 50, database)
            let shanghai = try await store.sql.raw("""
                SELECT DISTINCT x.next_allowed_at FROM actions x JOIN customers c ON c.id = x.customer_id
                WHERE x.rule = 'universal.holiday' AND c.time_zone = 'Asia/Shanghai' AND x.channel IN ('sms', 'email', 'call', 'visit')
                """).all().map { try $0.decode(column: "next_allowed_at", as: String.self) }
            XCTAssertEqual(shanghai, ["2026-10-08T00:00:00Z"], "\(database): 08:00 on the first working day after National Day")
            let paperwork = try await store.sql.raw("""
                SELECT DISTINCT x.next_allowed_at FROM actions x JOIN customers c ON c.id = x.customer_id
                WHERE x.rule = 'universal.holiday' AND c.time_zone = 'Asia/Shanghai' AND x.channel IN ('letter', 'legal_review')
                """).all().map { try $0.decode(column: "next_allowed_at", as: String.self) }
            XCTAssertEqual(Set(paperwork), ["2026-10-07T16:00:00Z"], "\(database): letters and legal reviews, which keep no hours, resume at midnight")
        }
    }

    func testUnderRegulationFEveryMessageCarriesTheOptOut() async throws {
        let day = LocalDate(iso: "2026-06-30")!
        let pack = try PolicyConfig.loadPack("us-reg-f", directory: Self.config)
        try await TestDatabases.each { store, database in
            try await load(store, asOf: day)
            let summary = try await run(store, day, policy: PolicySettings(pack: pack))
            XCTAssertGreaterThan(summary.messagesQueued, 0, database)
            let bodies = try await store.sql.raw("SELECT language, body FROM outbox_messages").all()
            for row in bodies {
                let language = Language(rawValue: try row.decode(column: "language", as: String.self))!
                XCTAssertTrue(try row.decode(column: "body", as: String.self).hasSuffix(pack.optOut(language)!), database)
            }
        }
    }
}

func XCTUnwrapAsync<T>(_ value: T?, _ message: String) async throws -> T { try XCTUnwrap(value, message) }
