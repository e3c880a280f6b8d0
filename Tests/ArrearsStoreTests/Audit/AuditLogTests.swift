import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import SQLKit
import XCTest

/// The audit log in the database: every import is recorded, and tampering of any kind is found
/// and named, on both databases.
final class AuditLogTests: XCTestCase {
    private func recordSome(_ store: Store) async throws {
        for index in 1...5 {
            try await store.transaction { database in
                try await AuditLog.append([AuditEvent(actor: "cli:test", action: "test.event", subject: "S\(index)", details: ["n": String(index)])], on: database)
            }
        }
    }

    func testImportsAreRecordedAndTheChainVerifies() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            let path = try files.write("customers.csv", ["customer_id,name,credit_rating", "C1,王芳,B"])
            _ = try await store.importCollecting(.customers, path)
            let rejected = try await store.importCollecting(.customers, files.write("bad.csv", ["customer_id,name,credit_rating", "C2,x,Z"]))
            XCTAssertTrue(rejected.rejected, name)
            let verification = try await AuditLog.verify(on: store.sql)
            XCTAssertNil(verification.firstBreak, name)
            XCTAssertEqual(verification.entries, 1, "a rejected import changes nothing, so records nothing (\(name))")
            let entry = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql)[0]
            XCTAssertEqual(entry.action, "import.customers", name)
            XCTAssertEqual(entry.subject, "customers.csv", name)
            XCTAssertTrue(entry.details.contains(#""rows":"1""#), name)
        }
    }

    func testAlteredEntryIsFound() async throws {
        try await TestDatabases.each { store, name in
            try await recordSome(store)
            try await store.sql.raw(#"UPDATE audit_log SET details = '{"n":"40"}' WHERE sequence = 4"#).run()
            let verification = try await AuditLog.verify(on: store.sql, pageSize: 2)
            XCTAssertEqual(verification.firstBreak, .altered(sequence: 4), name)
        }
    }

    func testRemovedEntryIsFound() async throws {
        try await TestDatabases.each { store, name in
            try await recordSome(store)
            try await store.sql.raw("DELETE FROM audit_log WHERE sequence = 2").run()
            let verification = try await AuditLog.verify(on: store.sql)
            XCTAssertEqual(verification.firstBreak, .missing(after: 1, found: 3), name)
        }
    }

    func testReorderedEntriesAreFound() async throws {
        try await TestDatabases.each { store, name in
            try await recordSome(store)
            try await store.sql.raw("UPDATE audit_log SET sequence = 100 WHERE sequence = 2").run()
            try await store.sql.raw("UPDATE audit_log SET sequence = 2 WHERE sequence = 3").run()
            try await store.sql.raw("UPDATE audit_log SET sequence = 3 WHERE sequence = 100").run()
            let verification = try await AuditLog.verify(on: store.sql)
            XCTAssertEqual(verification.firstBreak, .altered(sequence: 2), name)
        }
    }

    func testTruncatedTailChangesTheHead() async throws {
        try await TestDatabases.each { store, name in
            try await recordSome(store)
            let before = try await AuditLog.verify(on: store.sql).head
            try await store.sql.raw("DELETE FROM audit_log WHERE sequence = 5").run()
            let after = try await AuditLog.verify(on: store.sql)
            XCTAssertNil(after.firstBreak, name)
            XCTAssertEqual(before?.sequence, 5, name)
            XCTAssertEqual(after.head?.sequence, 4, "a recorded head shows the cut (\(name))")
        }
    }
}
