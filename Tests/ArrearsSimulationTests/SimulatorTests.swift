import ArrearsCore
import ArrearsSimulation
import ArrearsStore
import SQLKit
import ArrearsTestSupport
import XCTest

final class SimulatorTests: XCTestCase {
    /// Every simulated payment and promise, one per line, in id order.
    private func fingerprint(_ store: Store) async throws -> String {
        var lines: [String] = []
        for row in try await store.sql.raw("SELECT id, account_id, paid_on, amount_minor, currency FROM payments WHERE id LIKE 'SIM-%'").all() {
            lines.append(try ["payment", row.decode(column: "id", as: String.self), row.decode(column: "account_id", as: String.self),
                              row.decode(column: "paid_on", as: String.self), String(row.decode(column: "amount_minor", as: Int64.self)),
                              row.decode(column: "currency", as: String.self)].joined(separator: " "))
        }
        for row in try await store.sql.raw("SELECT id, amount_minor, due_on, status FROM promises").all() {
            lines.append(try ["promise", row.decode(column: "id", as: String.self), String(row.decode(column: "amount_minor", as: Int64.self)),
                              row.decode(column: "due_on", as: String.self), row.decode(column: "status", as: String.self)].joined(separator: " "))
        }
        for row in try await store.sql.raw("SELECT id, channel, outcome FROM contact_attempts").all() {
            lines.append(try ["attempt", row.decode(column: "id", as: String.self), row.decode(column: "channel", as: String.self),
                              row.decode(column: "outcome", as: String.self)].joined(separator: " "))
        }
        for row in try await store.sql.raw("SELECT id, rating FROM satisfaction_ratings").all() {
            lines.append(try ["rating", row.decode(column: "id", as: String.self), String(row.decode(column: "rating", as: Int.self))].joined(separator: " "))
        }
        return lines.sorted().joined(separator: "\n")
    }

    func testCallsAndVisitsBecomeContactAttemptsAndOnlyConversationsAreRated() async throws {
        try await TestDatabases.each { store, name in
            _ = try await DemoFixture.live(store, customers: 300, days: 4)
            let calls = try await store.count("actions WHERE channel IN ('call', 'visit') AND status = 'created' AND assigned_to IS NOT NULL")
            let attempts = try await store.count("contact_attempts")
            XCTAssertGreaterThan(attempts, 0, name)
            XCTAssertEqual(attempts, calls, "one attempt per call or visit task someone had: \(name)")
            let byAgents = try await store.count("contact_attempts a JOIN actions x ON x.customer_id = a.customer_id AND x.business_date = SUBSTR(a.attempted_at, 1, 10) AND x.assigned_to = a.recorded_by")
            XCTAssertEqual(byAgents, attempts, "recorded by the agent who had the task: \(name)")
            let reached = try await store.count("contact_attempts WHERE outcome IN ('right_party_contact', 'promise_to_pay', 'visit_met')")
            XCTAssertGreaterThan(reached, 0, name)
            let ratedWithoutConversation = try await store.count("""
                satisfaction_ratings r JOIN contact_attempts a ON a.id = r.contact_attempt_id
                WHERE a.outcome NOT IN ('right_party_contact', 'promise_to_pay', 'visit_met')
                """)
            XCTAssertEqual(ratedWithoutConversation, 0, name)
            let outOfRange = try await store.count("satisfaction_ratings WHERE rating < 1 OR rating > 5")
            XCTAssertEqual(outOfRange, 0, name)
        }
    }

    func testTheSameSeedGivesTheSamePaymentsAndPromisesOnEitherDatabase() async throws {
        var byDatabase: [String: String] = [:]
        try await TestDatabases.each { store, name in
            _ = try await DemoFixture.live(store, customers: 300, days: 4)
            byDatabase[name] = try await fingerprint(store)
        }
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var again = "", otherSeed = ""
        try await TestDatabases.withSQLite(in: directory) { store in
            _ = try await DemoFixture.live(store, customers: 300, days: 4)
            again = try await fingerprint(store)
        }
        try await TestDatabases.withSQLite(in: directory) { store in
            _ = try await DemoFixture.live(store, customers: 300, days: 4, seed: 8)
            otherSeed = try await fingerprint(store)
        }
        let sqlite = try XCTUnwrap(byDatabase["sqlite"])
        XCTAssertTrue(sqlite.contains("payment SIM-PAY-"), "customers in collections paid")
        XCTAssertTrue(sqlite.contains("promise SIM-PTP-"), "customers promised")
        XCTAssertEqual(again, sqlite)
        if let postgres = byDatabase["postgres"] { XCTAssertEqual(postgres, sqlite) }
        XCTAssertNotEqual(otherSeed, sqlite)
    }

    func testRespondingTwiceToTheSameDayAddsNothing() async throws {
        try await TestDatabases.each { store, name in
            _ = try await DemoFixture.live(store, customers: 300, days: 2)
            let day = BusinessCalendar.next(after: DemoFixture.today)
            _ = try await DemoFixture.run(store).run(day)
            let simulator = Simulator(store: store, model: try DemoFixture.model(), seed: 7)
            let first = try await simulator.respond(to: day)
            let before = try await fingerprint(store)
            XCTAssertGreaterThan(first.payments, 0, name)
            let again = try await simulator.respond(to: day)
            XCTAssertEqual(again, first, name)
            let after = try await fingerprint(store)
            XCTAssertEqual(after, before, name)
        }
    }

    func testADayWhoseRunHasNotCompletedIsRefused() async throws {
        try await TestDatabases.each { store, name in
            let simulator = Simulator(store: store, model: try DemoFixture.model(), seed: 7)
            do {
                try await simulator.respond(to: DemoFixture.today)
                XCTFail("responded to a day that was not run (\(name))")
            } catch let error as SimulationError {
                XCTAssertEqual(error, .dayNotRun(DemoFixture.today), name)
            }
        }
    }
}
