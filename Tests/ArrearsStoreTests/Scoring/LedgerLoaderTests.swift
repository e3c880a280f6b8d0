import ArrearsCore
import ArrearsSampleData
@testable import ArrearsStore
import ArrearsTestSupport
import ArrearsWorkflows
import SQLKit
import XCTest

/// On SQLite inside a transaction the loaders that scoring and the response models read through
/// (`LedgerLoader`, `ActionHistoryLoader`) step the raw connection instead of decoding rows
/// through SQLKit; they must read exactly what SQLKit reads.
final class LedgerLoaderTests: XCTestCase {
    static let day = LocalDate(iso: "2026-06-30")!

    func testTheDirectReadsReturnWhatSQLKitReads() async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try await TestDatabases.withSQLite(in: directory) { store in
            try await Self.portfolioWithActions(in: store, directory: directory)
            try await store.transaction { database in
                XCTAssertNotNil(SQLiteDirect.connection(of: database), "the transaction's connection is reachable")
                let direct = LedgerLoader(database: database), sqlKit = LedgerLoader(database: database, path: .sqlKit)
                for population in [LedgerPopulation.all, .delinquent] {
                    let fast = try await direct.ledgers(population), slow = try await sqlKit.ledgers(population)
                    XCTAssertFalse(fast.isEmpty, "\(population)")
                    XCTAssertEqual(fast, slow, "\(population)")
                }
                let behaviour = try await direct.behaviour(), statement = try await sqlKit.behaviour()
                XCTAssertEqual(Set(behaviour.keys), Set(statement.keys))
                XCTAssertFalse(behaviour.isEmpty)
                for (customer, fast) in behaviour {
                    let slow = statement[customer]
                    XCTAssertEqual(fast.promisesMade, slow?.promisesMade, customer)
                    XCTAssertEqual(fast.promisesBroken, slow?.promisesBroken, customer)
                    XCTAssertEqual(fast.attempts, slow?.attempts, customer)
                    XCTAssertEqual(fast.rightPartyContacts, slow?.rightPartyContacts, customer)
                }
                var history = ActionHistoryLoader(database: database)
                let actions = try await history.byCustomer()
                history.path = .sqlKit
                let decoded = try await history.byCustomer()
                XCTAssertEqual(actions, decoded)
                XCTAssertTrue(actions.values.contains { $0.contains { $0.propensity == nil } && $0.contains { $0.propensity != nil } })
                XCTAssertTrue(actions.values.contains { $0.contains { $0.cell.isEmpty } }, "actions without a cell are read")
                XCTAssertTrue(actions.values.contains { $0.contains { $0.date == Self.day } }, "the daily run's own actions are read")
            }
        }
    }

    /// A generated portfolio with positions, promises (kept, broken and open), contact attempts, an
    /// imported history of actions (some on the same day, some without a cell or a logged propensity) and
    /// the actions of a daily run.
    static func portfolioWithActions(in store: Store, directory: URL) async throws {
        try await store.importGenerated(customers: 400, seed: 7, asOf: day)
        let customers = try await store.sql.raw("SELECT id FROM customers ORDER BY id").all().map { try $0.decode(column: "id", as: String.self) }
        var lines = ["action_id,customer_id,date,channel,cell,propensity"]
        for (index, customer) in customers.enumerated() {
            for (offset, date) in ["2026-02-10", "2026-03-20", "2026-03-20", "2026-04-25"].enumerated() {
                let propensity = (index + offset) % 4 == 0 ? "" : "0.\(index % 7 + 1)"
                lines.append("H\(index)-\(offset),\(customer),\(date),\(["none", "sms", "call", "letter"][(index + offset) % 4]),\(index % 5 == 0 ? "" : "random"),\(propensity)")
            }
        }
        let file = directory.appendingPathComponent("actions.csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let summary = try await ActionHistoryImporter(store: store).importFile(path: file.path) { XCTFail("\($0)") }
        XCTAssertEqual(summary.added, customers.count * 4)

        try await store.transaction { database in
            for (index, customer) in customers.enumerated() where index % 3 == 0 {
                let status = ["kept", "broken", "open"][index % 9 / 3]
                let settled: String? = status == "open" ? nil : "2026-05-\(10 + index % 15)"
                try await database.raw("""
                    INSERT INTO promises (id, case_id, customer_id, currency, amount_minor, promised_on, due_on, status, settled_on)
                    VALUES (\(bind: "P\(index)"), \(bind: "K\(index)"), \(bind: customer), 'GBP', 5000, \(bind: "2026-04-\(10 + index % 15)"), '2026-05-01',
                            \(bind: status), \(bind: settled))
                    """).run()
                let outcome = ContactAttempt.Outcome.allCases[index % ContactAttempt.Outcome.allCases.count].rawValue
                try await database.raw("""
                    INSERT INTO contact_attempts (id, customer_id, channel, contact_point, attempted_at, outcome, recorded_by)
                    VALUES (\(bind: "A\(index)"), \(bind: customer), 'call', 'mobile', \(bind: "2026-04-\(10 + index % 15)T10:15:00Z"), \(bind: outcome), 'test')
                    """).run()
            }
        }
        let strategy = try StrategyConfig.load(path: ShippedConfig.directory + "/strategy.yaml", buckets: .standard)
        _ = try await DailyRun(store: store, strategy: strategy, buckets: .standard, agents: try TeamsConfig.load(fromDirectory: ShippedConfig.directory),
                               policy: ShippedConfig.policy).run(day)
    }
}
