import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// `/feedback/:token`: a customer rates a right-party contact from a signed link, once.
final class FeedbackPageTests: XCTestCase {
    /// A customer who speaks `language` and an attempt with `outcome`; returns the attempt id.
    private func attempt(_ store: Store, outcome: ContactAttempt.Outcome, language: String = "zh-CN") async throws -> String {
        try await store.sql.raw("""
            INSERT INTO customers (id, name, time_zone, language, credit_rating) VALUES ('C1', 'Li Lei', 'Asia/Shanghai', \(bind: language), 'B')
            """).run()
        let id = "ATT-\(outcome.rawValue)"
        let attempt = ContactRecords.NewAttempt(id: id, customerId: "C1", channel: .call, contactPoint: "mobile", at: Date(), outcome: outcome, note: nil)
        _ = try await ContactRecords.recordAttempt(attempt, breach: nil, by: "collector", on: store.sql)
        return id
    }

    private func post(_ app: Application, _ path: String, _ form: String) async throws -> XCTHTTPResponse {
        var headers = HTTPHeaders()
        headers.contentType = .urlEncodedForm
        return try await app.sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: form))
    }

    func testTheCustomerRatesOnceInTheirLanguageWithoutSigningIn() async throws {
        try await SecurityFixture.each { fixture, database in
            let id = try await attempt(fixture.store, outcome: .rightPartyContact, language: "en")
            let path = RatingLink.path(attemptId: id, signer: fixture.store.links)
            let form = try await fixture.app.sendRequest(.GET, path)
            XCTAssertEqual(form.status, .ok, database)
            XCTAssertTrue(form.body.string.contains("How was the conversation we just had with you?"), "English for an English speaker")
            XCTAssertTrue(form.body.string.contains(#"<form id="rating" method="post""#))

            let missing = try await post(fixture.app, path, "comment=nothing")
            XCTAssertEqual(missing.status, .unprocessableEntity, database)
            let rated = try await post(fixture.app, path, "rating=4&comment=polite%20and%20clear")
            XCTAssertEqual(rated.status, .ok, database)
            XCTAssertTrue(rated.body.string.contains(#"<p id="thanks">"#))
            let again = try await post(fixture.app, path, "rating=1")
            XCTAssertTrue(again.body.string.contains(#"<p id="already">"#), "one rating per contact")
            let stored = try await fixture.store.scalar("SELECT rating AS n FROM satisfaction_ratings WHERE contact_attempt_id = '\(id)'")
            XCTAssertEqual(stored, 4, database)
            let count = try await fixture.store.count("satisfaction_ratings")
            XCTAssertEqual(count, 1, database)
        }
    }

    func testExpiredForgedAndNonConversationLinksDoNotWork() async throws {
        try await SecurityFixture.each { fixture, database in
            let id = try await attempt(fixture.store, outcome: .rightPartyContact)
            let expired = RatingLink.path(attemptId: id, signer: fixture.store.links, now: Date().addingTimeInterval(-8 * 86_400))
            let gone = try await fixture.app.sendRequest(.GET, expired)
            XCTAssertEqual(gone.status, .gone, database)
            XCTAssertTrue(gone.body.string.contains("此链接已过期"), "the customer's language, Chinese")
            let foreign = RatingLink.path(attemptId: id, signer: LinkSigner(key: DataKey.generate()))
            let refused = try await post(fixture.app, foreign, "rating=5")
            XCTAssertEqual(refused.status, .notFound, database)
            let unknown = RatingLink.path(attemptId: "ATT-nobody", signer: fixture.store.links)
            let nobody = try await fixture.app.sendRequest(.GET, unknown)
            XCTAssertEqual(nobody.status, .notFound, database)
            let ratings = try await fixture.store.count("satisfaction_ratings")
            XCTAssertEqual(ratings, 0, database)
        }
    }
}
