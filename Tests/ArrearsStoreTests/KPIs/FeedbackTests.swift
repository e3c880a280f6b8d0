import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTest

/// Ratings and complaints are validated before they are stored, and audited with the change.
final class FeedbackTests: XCTestCase {
    func testOnlyARightPartyContactCanBeRatedOnceFromOneToFive() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let at = Date(timeIntervalSince1970: 1_772_000_000)
            func rate(_ attempt: String, _ rating: Int) async throws {
                try await store.transaction { try await Feedback.rate(attemptId: attempt, rating: rating, comment: nil, ratedAt: at, by: "test", on: $0) }
            }
            await XCTAssertThrowsFeedback(try await rate("T1", 4), .notRightPartyContact(attemptId: "T1", outcome: "no_answer"), database)
            await XCTAssertThrowsFeedback(try await rate("T2", 5), .alreadyRated(attemptId: "T2"), database)
            await XCTAssertThrowsFeedback(try await rate("T6", 6), .invalid(field: "rating", message: "6 is not a rating from 1 to 5"), database)
            await XCTAssertThrowsFeedback(try await rate("NOPE", 3), .unknownContactAttempt("NOPE"), database)
            try await rate("T6", 3)
            let audited = try await store.sql.raw("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'satisfaction_rated'").first()?.decode(column: "n", as: Int.self)
            XCTAssertEqual(audited, 4, "\(database): three ratings of the history and this one")
        }
    }

    func testComplaintIsOpenedAboutTheCustomersOwnCaseAndResolvedOnce() async throws {
        try await TestDatabases.each { store, database in
            try await KPIHistory.write(into: store)
            let opened = ContactRecords.instant("2026-03-01T01:00:00Z")!
            func open(_ customer: String, _ caseId: String?) async throws -> String {
                try await store.transaction {
                    try await Feedback.openComplaint(NewComplaint(customerId: customer, caseId: caseId, channel: .call, category: "tone",
                                                                  description: "raised voice", openedAt: opened), by: "c-li-na", on: $0)
                }
            }
            await XCTAssertThrowsFeedback(try await open("C1", "K2"), .unknownCase("K2"), database)
            await XCTAssertThrowsFeedback(try await open("C9", nil), .unknownCustomer("C9"), database)
            let id = try await open("C1", "K1")
            func resolve(_ at: String) async throws {
                try await store.transaction {
                    try await Feedback.resolveComplaint(id, resolution: "apologised; collector retrained", resolvedAt: ContactRecords.instant(at)!, by: "supervisor", on: $0)
                }
            }
            await XCTAssertThrowsFeedback(try await resolve("2026-02-28T00:00:00Z"),
                                          .invalid(field: "resolved_at", message: "2026-02-28T00:00:00Z is before the complaint was opened"), database)
            try await resolve("2026-03-02T00:00:00Z")
            await XCTAssertThrowsFeedback(try await resolve("2026-03-03T00:00:00Z"), .complaintAlreadyResolved(id), database)
            let row = try await store.sql.raw("SELECT status, resolved_at FROM complaints WHERE id = \(bind: id)").first()
            XCTAssertEqual(try row?.decode(column: "status", as: String.self), "resolved", database)
            XCTAssertEqual(try row?.decode(column: "resolved_at", as: String.self), "2026-03-02T00:00:00Z", database)
        }
    }
}

private func XCTAssertThrowsFeedback(_ body: @autoclosure () async throws -> some Any, _ expected: FeedbackError, _ database: String,
                                     file: StaticString = #filePath, line: UInt = #line) async {
    do {
        _ = try await body()
        XCTFail("\(database): expected \(expected)", file: file, line: line)
    } catch {
        XCTAssertEqual(error as? FeedbackError, expected, database, file: file, line: line)
    }
}
