import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Customer pages (`/s/…`, `/feedback/…`) are never kept by a browser or proxy cache (issue 22):
/// every answer under them, a page, a refusal or an error, says `Cache-Control: no-store`.
final class CustomerPageCachingTests: XCTestCase {
    func testCustomerPagesAreNeverCached() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.store.sql.raw("""
                INSERT INTO customers (id, name, time_zone, language, credit_rating) VALUES ('C1', 'Li Lei', 'Asia/Shanghai', 'en', 'B')
                """).run()
            let attempt = ContactRecords.NewAttempt(id: "ATT-1", customerId: "C1", channel: .call, contactPoint: "mobile", at: Date(),
                                                    outcome: .rightPartyContact, note: nil)
            _ = try await ContactRecords.recordAttempt(attempt, breach: nil, by: "collector", on: fixture.store.sql)
            let rating = RatingLink.path(attemptId: "ATT-1", signer: fixture.store.links)
            let expired = SelfServiceLink.token(customerId: "C1", businessDate: LocalDate(iso: "2026-01-01")!, signer: fixture.store.links)
            var form = HTTPHeaders()
            form.contentType = .urlEncodedForm
            let answers: [(String, XCTHTTPResponse)] = [
                ("rating form", try await fixture.app.sendRequest(.GET, rating)),
                ("rating posted", try await fixture.app.sendRequest(.POST, rating, headers: form, body: ByteBuffer(string: "rating=5"))),
                ("forged rating link", try await fixture.app.sendRequest(.GET, "/feedback/forged")),
                ("expired self-service link", try await fixture.app.sendRequest(.GET, "/s/" + expired)),
                ("forged self-service link", try await fixture.app.sendRequest(.GET, "/s/forged")),
                ("forged promise", try await fixture.app.sendRequest(.POST, "/s/forged/promise", headers: form, body: ByteBuffer(string: "amount=1"))),
            ]
            XCTAssertEqual(answers[0].1.status, .ok, database)
            for (what, answer) in answers {
                XCTAssertEqual(answer.headers.first(name: .cacheControl), "no-store", "\(database): \(what) (\(answer.status.code))")
            }
        }
    }
}
