import ArrearsStore
import ArrearsTestSupport
import SQLKit
import XCTest

/// How the store's connections behave under a server's load: a page's reads see one snapshot,
/// and writes from many requests at once, inside transactions or not, all land.
final class StoreConnectionTests: XCTestCase {
    func testAPageReadsOneSnapshotWhileAnotherRequestCommits() async throws {
        try await TestDatabases.each { store, database in
            try await store.sql.raw("CREATE TABLE probe (id INTEGER PRIMARY KEY)").run()
            try await store.sql.raw("INSERT INTO probe (id) VALUES (1)").run()
            let (before, during) = try await store.reading { reader in
                let before = try await Self.count(reader)
                try await store.transaction { writer in try await writer.raw("INSERT INTO probe (id) VALUES (2)").run() }
                return (before, try await Self.count(reader))
            }
            XCTAssertEqual(before, 1, database)
            XCTAssertEqual(during, 1, "\(database): the write committed meanwhile is not seen half-way through the page")
            let after = try await Self.count(store.sql)
            XCTAssertEqual(after, 2, "\(database): the next page sees it")
        }
    }

    func testAKeptStatementIsNotCompiledAgainForEachBinding() async throws {
        try await TestDatabases.each { store, database in
            try await store.sql.raw("CREATE TABLE probe (account TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (account, day))").run()
            for account in ["A1", "A2", "A3"] {
                try await store.sql.raw("INSERT INTO probe (account, day) VALUES (\(bind: account), '2026-10-01'), (\(bind: account), '2026-11-01')").run()
            }
            // An equality on a bound value with an ORDER BY: SQLite would, by default, compile
            // it again after every new binding. (A statement kept from before the table was
            // created is compiled again once, rightly: the count starts after the first query.)
            _ = try await store.sql.raw("SELECT day FROM probe WHERE account = 'A0' ORDER BY day").all()
            let before = store.sqliteRecompilations
            for account in ["A1", "A2", "A3", "A1", "A2", "A3"] {
                let rows = try await store.sql.raw("SELECT day FROM probe WHERE account = \(bind: account) ORDER BY day").all()
                XCTAssertEqual(try rows.map { try $0.decode(column: "day", as: String.self) }, ["2026-10-01", "2026-11-01"], database)
            }
            XCTAssertEqual(store.sqliteRecompilations, before, database)
        }
    }

    func testWritesFromManyRequestsAtOnceAllLand() async throws {
        try await TestDatabases.each { store, database in
            try await store.sql.raw("CREATE TABLE probe (id INTEGER PRIMARY KEY)").run()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for id in 0..<60 {
                    group.addTask {
                        if id % 2 == 0 {
                            try await store.sql.raw("INSERT INTO probe (id) VALUES (\(bind: id))").run()
                        } else {
                            try await store.transaction { writer in
                                _ = try await Self.count(writer)
                                try await writer.raw("INSERT INTO probe (id) VALUES (\(bind: id))").run()
                            }
                        }
                        _ = try await store.reading { try await Self.count($0) }
                    }
                }
                try await group.waitForAll()
            }
            let count = try await Self.count(store.sql)
            XCTAssertEqual(count, 60, database)
        }
    }

    func testAFailedTransactionLeavesNothingAndTheConnectionWorksAfter() async throws {
        struct Refused: Error {}
        try await TestDatabases.each { store, database in
            try await store.sql.raw("CREATE TABLE probe (id INTEGER PRIMARY KEY)").run()
            do {
                try await store.transaction { writer in
                    try await writer.raw("INSERT INTO probe (id) VALUES (1)").run()
                    throw Refused()
                }
                XCTFail("\(database): the transaction should have failed")
            } catch is Refused {}
            do {
                try await store.sql.raw("INSERT INTO probe (id) VALUES (2), (2)").run()
                XCTFail("\(database): a duplicate key should be refused")
            } catch {}
            try await store.transaction { writer in try await writer.raw("INSERT INTO probe (id) VALUES (3)").run() }
            let ids = try await store.sql.raw("SELECT id FROM probe ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
            XCTAssertEqual(ids, [3], database)
        }
    }

    /// Transactions that come at once (on SQLite committed together, `GroupCommit`) each behave as
    /// if run alone: each sees the ones before it, and one that fails, by throwing or by breaking
    /// a constraint after it wrote, leaves nothing while the others all land. Every fourth runs
    /// `alone` (as an import does: in a transaction of its own, between the grouped ones).
    func testTransactionsAtOnceEachCommitOrFailOnTheirOwn() async throws {
        struct Refused: Error {}
        try await TestDatabases.each { store, database in
            try await store.sql.raw("CREATE TABLE probe (n INTEGER PRIMARY KEY, writer INTEGER NOT NULL)").run()
            let outcomes = try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
                for writer in 0..<90 {
                    group.addTask {
                        do {
                            let n = try await store.transaction(alone: writer % 4 == 0) { database in
                                // (PostgreSQL runs them side by side at read committed: the lock
                                // puts them one after the other, as SQLite's single writer does.)
                                if store.dialect == .postgres { try await database.raw("LOCK TABLE probe IN EXCLUSIVE MODE").run() }
                                // The next number: two transactions that did not see each other
                                // would both take it, and the second would fail on the key.
                                let n = try await database.raw("SELECT COALESCE(MAX(n), 0) + 1 AS n FROM probe").first()!.decode(column: "n", as: Int.self)
                                try await database.raw("INSERT INTO probe (n, writer) VALUES (\(bind: n), \(bind: writer))").run()
                                switch writer % 3 {
                                case 1: throw Refused()
                                case 2: try await database.raw("INSERT INTO probe (n, writer) VALUES (\(bind: n), \(bind: writer))").run()
                                default: break
                                }
                                return n
                            }
                            return (writer, n)
                        } catch {
                            return (writer, nil)
                        }
                    }
                }
                var outcomes: [Int: Int?] = [:]
                for try await (writer, n) in group { outcomes[writer] = n }
                return outcomes
            }
            let landed = outcomes.filter { $0.key % 3 == 0 }
            XCTAssertEqual(landed.count, 30, database)
            XCTAssertTrue(landed.allSatisfy { $0.value != nil }, "\(database): every transaction that did not fail reports its number")
            XCTAssertTrue(outcomes.filter { $0.key % 3 != 0 }.allSatisfy { $0.value == nil }, "\(database): every failed one reports its error")
            let rows = try await store.sql.raw("SELECT n, writer FROM probe ORDER BY n").all()
                .map { (try $0.decode(column: "n", as: Int.self), try $0.decode(column: "writer", as: Int.self)) }
            XCTAssertEqual(rows.map(\.0), Array(1...30), "\(database): numbers taken one after another, none by a failed transaction")
            XCTAssertEqual(Set(rows.map(\.1)), Set(landed.keys), database)
            XCTAssertTrue(rows.allSatisfy { landed[$0.1] == $0.0 }, "\(database): each writer was told the number it stored")
        }
    }

    private static func count(_ database: any SQLDatabase) async throws -> Int {
        try await database.raw("SELECT COUNT(*) AS n FROM probe").first()!.decode(column: "n", as: Int.self)
    }
}
