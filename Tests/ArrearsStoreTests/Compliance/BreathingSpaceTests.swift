import ArrearsCore
@testable import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// A breathing space (UK Debt Respite Scheme) freezes the interest and fees of the dues that
/// fall due within it: they are not owed, so neither overdue nor outstanding counts them.
final class BreathingSpaceTests: XCTestCase {
    func testInterestAndFeesFallingDueInABreathingSpaceAreNotOwed() async throws {
        try await TestDatabases.each { store, database in
            let files = try CSVFiles()
            defer { files.remove() }
            let rows: [(ImportKind, [String])] = [
                (.customers, ["customer_id,name,time_zone,language,credit_rating", "C1,Amy Wong,Europe/London,en,C", "C2,Tom Lee,Europe/London,en,C"]),
                (.accounts, ["account_id,customer_id,product,currency,principal,opened_on",
                             "A1,C1,personal_loan,CNY,1000,2026-01-01", "A2,C2,personal_loan,CNY,1000,2026-01-01"]),
                (.dues, ["account_id,due_on,principal,interest,fees",
                         "A1,2026-10-01,100.00,10.00,5.00", "A1,2026-11-15,100.00,10.00,5.00", "A1,2027-01-15,100.00,10.00,5.00",
                         "A2,2026-10-01,100.00,10.00,5.00", "A2,2026-11-15,100.00,10.00,5.00", "A2,2027-01-15,100.00,10.00,5.00"]),
            ]
            for (kind, lines) in rows {
                let result = try await store.importCollecting(kind, try files.write("\(kind.rawValue).csv", lines))
                XCTAssertFalse(result.rejected, "\(database): \(result.issues)")
            }
            try await store.transaction { db in
                try await ContactRecords.addFlag(CustomerFlag(kind: .breathingSpace, from: LocalDate(iso: "2026-11-01"), until: LocalDate(iso: "2026-12-30")),
                                                 customerId: "C1", note: "debt advice agency notice", by: "test", on: db)
            }
            let positions = PositionRepository(store: store, buckets: .standard)
            try await positions.recompute(asOf: LocalDate(iso: "2026-11-20")!)
            let stored = try await store.sql.raw("SELECT account_id, overdue_minor, outstanding_minor, dpd FROM account_positions ORDER BY account_id").all()
            let figures = try stored.map { [try $0.decode(column: "overdue_minor", as: Int64.self), try $0.decode(column: "outstanding_minor", as: Int64.self),
                                            Int64(try $0.decode(column: "dpd", as: Int.self))] }
            XCTAssertEqual(figures[0], [21_500, 33_000, 50], "\(database): the November due's 15.00 of interest and fees is frozen")
            XCTAssertEqual(figures[1], [23_000, 34_500, 50], "\(database): without a breathing space everything is owed")
            // One account recomputed alone (after a payment, a plan) applies the same rule.
            let alone = try await AccountRecompute(buckets: .standard).recompute(accountId: "A1", atLeastAsOf: LocalDate(iso: "2026-11-20")!, on: store.sql)
            XCTAssertEqual([alone.overdueMinor, alone.outstandingMinor, Int64(alone.dpd)], figures[0], database)
        }
    }
}
