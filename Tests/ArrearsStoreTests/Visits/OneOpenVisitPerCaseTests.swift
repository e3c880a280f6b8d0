@testable import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTest

/// At most one open visit per case, held by the database (`AddOneOpenVisitPerCase`): a second
/// visit dispatched or confirmed on a case is refused by the index whoever writes it, a reported
/// or cancelled one is not, and the migration cancels a second open visit left from before.
final class OneOpenVisitPerCaseTests: XCTestCase {
    private func insert(_ id: String, caseId: String = "KW1", dispatchedAt: String, status: String = "dispatched", into store: Store) async throws {
        try await store.sql.raw("""
            INSERT INTO visits (id, case_id, customer_id, agent_id, visit_date, starts_at, ends_at, status, appointment_id, notice_id, dispatched_by, dispatched_at)
            VALUES (\(bind: id), \(bind: caseId), 'CW1', 'f-shanghai', '2026-11-25', '2026-11-25T02:00:00Z', '2026-11-25T04:00:00Z', \(bind: status),
                    \(bind: "AP-" + id), \(bind: "N-" + id), 'user:boss', \(bind: dispatchedAt))
            """).run()
    }

    private func statuses(_ store: Store) async throws -> [String: String] {
        var statuses: [String: String] = [:]
        for row in try await store.sql.raw("SELECT id, status FROM visits").all() {
            statuses[try row.decode(column: "id", as: String.self)] = try row.decode(column: "status", as: String.self)
        }
        return statuses
    }

    func testASecondOpenVisitOfACaseIsRefusedAndTheMigrationCancelsOneLeftFromBefore() async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            try await insert("V1", dispatchedAt: "2026-11-20T01:00:00Z", into: store)
            do {
                try await insert("V2", dispatchedAt: "2026-11-21T01:00:00Z", status: "confirmed", into: store)
                XCTFail("a second open visit of KW1 was stored on \(database)")
            } catch {}
            try await insert("V3", dispatchedAt: "2026-11-19T01:00:00Z", status: "done", into: store)
            try await insert("V4", dispatchedAt: "2026-11-19T02:00:00Z", status: "cancelled", into: store)
            try await insert("V5", caseId: "KW2", dispatchedAt: "2026-11-21T01:00:00Z", into: store)

            // A database from before the rule: two open visits of KW1.
            try await store.sql.raw("DROP INDEX visits_one_open_per_case").run()
            try await insert("V2", dispatchedAt: "2026-11-21T01:00:00Z", status: "confirmed", into: store)
            try await AddOneOpenVisitPerCase().prepare(on: store.database)
            let after = try await statuses(store)
            XCTAssertEqual(after, ["V1": "dispatched", "V2": "cancelled", "V3": "done", "V4": "cancelled", "V5": "dispatched"],
                           "\(database): the older open visit stays, the newer is cancelled")
            let reason = try await store.sql.raw("SELECT cancel_reason FROM visits WHERE id = 'V2'").first()?.decode(column: "cancel_reason", as: String?.self)
            XCTAssertNotNil(reason ?? nil, "\(database): with the reason")
            do {
                try await insert("V6", dispatchedAt: "2026-11-22T01:00:00Z", into: store)
                XCTFail("the index was not made again on \(database)")
            } catch {}
        }
    }
}
