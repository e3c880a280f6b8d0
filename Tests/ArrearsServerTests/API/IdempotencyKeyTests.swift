import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// `Idempotency-Key` on the API's POSTs: a retry with the same key gets the first answer and
/// changes nothing; the same key for another request, or while the first is in flight, is
/// refused. Over a real socket, on SQLite and PostgreSQL.
final class IdempotencyKeyTests: XCTestCase {
    let complaint = #"{"customer_id":"CW1","channel":"call","category":"tone"}"#

    private func keyed(_ key: String) -> HTTPHeaders { ["Idempotency-Key": key] }

    func testARetryWithTheSameKeyGetsTheFirstAnswerAndChangesNothing() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let first = try await served.send(.POST, "/api/v1/complaints", token: collector, json: complaint, headers: keyed("retry-1"))
            XCTAssertEqual(first.status, .created, "\(database): \(first.body)")
            XCTAssertNil(first.headers.first(name: "Idempotent-Replayed"), database)
            let retry = try await served.send(.POST, "/api/v1/complaints", token: collector, json: complaint, headers: keyed("retry-1"))
            XCTAssertEqual(retry.status, .created, database)
            XCTAssertEqual(retry.body, first.body, "\(database): the same complaint id")
            XCTAssertEqual(retry.headers.first(name: "Idempotent-Replayed"), "true", database)
            XCTAssertEqual(retry.headers.first(name: .contentType), first.headers.first(name: .contentType), database)
            let stored = try await served.store.count("complaints")
            let audited = try await served.audited("complaint_opened")
            XCTAssertEqual([stored, audited], [1, 1], database)

            let other = try await served.send(.POST, "/api/v1/complaints", token: collector, json: #"{"customer_id":"CW1","channel":"sms","category":"tone"}"#,
                                              headers: keyed("retry-1"))
            XCTAssertEqual(other.status, .unprocessableEntity, database)
            XCTAssertEqual(other.errorCode, "idempotency_key_reused", database)
            let elsewhere = try await served.send(.POST, "/api/v1/promises", token: collector,
                                                  json: #"{"case_id":"KW1","amount":"1.00","currency":"CNY","due_on":"\#(LocalDate.today())"}"#,
                                                  headers: keyed("retry-1"))
            XCTAssertEqual(elsewhere.errorCode, "idempotency_key_reused", "\(database): a key names one request, on one path")

            let colleague = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let theirs = try await served.send(.POST, "/api/v1/complaints", token: colleague, json: complaint, headers: keyed("retry-1"))
            XCTAssertEqual(theirs.status, .created, "\(database): keys are each user's own")
            XCTAssertNotEqual(theirs.json["id"] as? String, first.json["id"] as? String, database)
            let afterAll = try await served.store.count("complaints")
            XCTAssertEqual(afterAll, 2, database)
        }
    }

    func testTwoRequestsWithOneKeyAtOnceMakeOneChange() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            for round in 1...3 {
                let answers = try await served.twice(.POST, "/api/v1/complaints", token: collector, json: complaint, headers: keyed("at-once-\(round)"))
                let first = answers.first { $0.status == .created && $0.headers.first(name: "Idempotent-Replayed") == nil }
                XCTAssertNotNil(first, "\(database): \(answers.map(\.body))")
                for answer in answers where answer.body != first?.body {
                    XCTAssertEqual(answer.status, .conflict, "\(database): \(answer.body)")
                    XCTAssertEqual(answer.errorCode, "idempotency_key_in_flight", database)
                    XCTAssertEqual(answer.headers.first(name: "Retry-After"), "1", database)
                }
                let stored = try await served.store.count("complaints")
                XCTAssertEqual(stored, round, "\(database): one complaint per key")
            }
        }
    }

    func testAFailedRequestLeavesItsKeyFreeForTheCorrectedRetry() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let wrong = try await served.send(.POST, "/api/v1/complaints", token: collector, json: #"{"customer_id":"CW1","channel":"pigeon","category":"tone"}"#,
                                              headers: keyed("fix-1"))
            XCTAssertEqual(wrong.status, .unprocessableEntity, database)
            XCTAssertEqual(wrong.errorCode, "invalid_field", database)
            let corrected = try await served.send(.POST, "/api/v1/complaints", token: collector, json: complaint, headers: keyed("fix-1"))
            XCTAssertEqual(corrected.status, .created, "\(database): \(corrected.body)")
            let kept = try await served.store.count("idempotency_keys")
            XCTAssertEqual(kept, 1, database)
        }
    }

    func testAMalformedKeyIsRefusedAndReadOnlyPostsIgnoreTheHeader() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            for key in [String(repeating: "k", count: 256), "two words"] {
                let answer = try await served.send(.POST, "/api/v1/complaints", token: collector, json: complaint, headers: keyed(key))
                XCTAssertEqual(answer.status, .badRequest, "\(database): \(key.prefix(20))")
                XCTAssertEqual(answer.errorCode, "invalid_idempotency_key", database)
            }
            let quote = #"{"total":"100.00","currency":"CNY","count":2,"first_date":"\#(LocalDate.today().adding(days: 3))"}"#
            for _ in 0..<2 {
                let answer = try await served.send(.POST, "/api/v1/arrangements/quote", token: collector, json: quote, headers: keyed("quote"))
                XCTAssertEqual(answer.status, .ok, database)
                XCTAssertNil(answer.headers.first(name: "Idempotent-Replayed"), database)
            }
            let stored = try await served.store.count("complaints")
            let kept = try await served.store.count("idempotency_keys")
            XCTAssertEqual([stored, kept], [0, 0], database)
        }
    }

    func testAnExpiredKeyMayBeUsedAgain() async throws {
        try await ServedFixture.each { served, database in
            let collector = try await served.token(.collector, agentId: WorkbenchFixture.collector)
            let first = try await served.send(.POST, "/api/v1/complaints", token: collector, json: complaint, headers: keyed("old"))
            XCTAssertEqual(first.status, .created, database)
            try await served.store.sql.raw("UPDATE idempotency_keys SET expires_at = '2000-01-01T00:00:00Z'").run()
            let again = try await served.send(.POST, "/api/v1/complaints", token: collector, json: complaint, headers: keyed("old"))
            XCTAssertEqual(again.status, .created, database)
            XCTAssertNil(again.headers.first(name: "Idempotent-Replayed"), "\(database): after 24 hours the key is new")
            let stored = try await served.store.count("complaints")
            XCTAssertEqual(stored, 2, database)
        }
    }
}
