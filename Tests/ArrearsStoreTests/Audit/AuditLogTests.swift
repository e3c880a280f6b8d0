import ArrearsCore
import Foundation
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

    /// Details are stored as the JSON object `JSONEncoder` (sorted keys) makes of them, whatever
    /// the text: quotes, backslashes, slashes, control characters, Chinese and emoji.
    func testDetailsAreStoredAsSortedJSON() async throws {
        let samples: [[String: String]] = [
            [:],
            ["n": "1"],
            ["attempt_id": "ATT-1", "attempted_at": "2026-11-24T02:30:00Z", "channel": "call", "contact_point": "mobile", "outcome": "no_answer",
             "breached_rule": "cn.quiet-hours"],
            ["note": "He said \"call later\" \\ path a/b\n\r\t\u{08}\u{0C}\u{01}\u{1F} end", "名字": "王芳 🙂", "Zeta": "z", "alpha": "", "_x": "-"],
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        try await TestDatabases.each { store, name in
            try await store.transaction { database in
                try await AuditLog.append(samples.enumerated().map { AuditEvent(actor: "cli:test", action: "test.details", subject: "S\($0.offset)", details: $0.element) },
                                          on: database)
            }
            let entries = try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql)
            XCTAssertEqual(entries.count, samples.count, name)
            for (entry, details) in zip(entries, samples) {
                XCTAssertEqual(entry.details, String(decoding: try encoder.encode(details), as: UTF8.self), name)
                XCTAssertEqual(try JSONDecoder().decode([String: String].self, from: Data(entry.details.utf8)), details, name)
            }
            let verification = try await AuditLog.verify(on: store.sql)
            XCTAssertNil(verification.firstBreak, name)
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
