import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import SQLKit
import XCTVapor

/// A contact's rating link goes to the customer alone (issue 22): in the SMS they receive after
/// a conversation, never in the answer or page of the collector who recorded it; and each link
/// rates its own contact, once.
final class RatingLinkTests: XCTestCase {
    /// The body of the outbox message `id`, nil when there is none.
    private func outboxBody(_ fixture: SecurityFixture, _ id: String) async throws -> String? {
        try await fixture.store.sql.raw("SELECT body FROM outbox_messages WHERE id = \(bind: id)").first()?.decode(column: "body", as: String.self)
    }

    /// The `/feedback/…` path in `text`.
    private func path(in text: String) throws -> String {
        let start = try XCTUnwrap(text.range(of: "/feedback/"), text)
        return String(text[start.lowerBound...].prefix { !$0.isWhitespace })
    }

    private func record(_ fixture: SecurityFixture, _ token: String, id: String, outcome: String) async throws -> APIAnswer {
        try await fixture.api(.POST, "/api/v1/contact-attempts", token: token, json: """
            {"id": "\(id)", "customer_id": "C1", "channel": "call", "at": "2026-11-24T15:00:00+08:00", "outcome": "\(outcome)"}
            """)
    }

    func testTheLinkIsTextedToTheCustomerAndNeverShownToTheCollector() async throws {
        try await ContactFixture.each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            let missed = try await record(fixture, token, id: "A1", outcome: "no_answer")
            XCTAssertEqual(missed.status, .created, database)
            let missedBody = try await outboxBody(fixture, "A1:rating")
            XCTAssertNil(missedBody, "\(database): nothing to rate without a conversation")

            let response = try await fixture.app.sendRequest(.POST, "/api/v1/contact-attempts", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/json"],
                                                             body: ByteBuffer(string: #"{"id": "A2", "customer_id": "C1", "channel": "call", "at": "2026-11-24T15:00:00+08:00", "outcome": "right_party_contact"}"#))
            XCTAssertEqual(response.status, .created, database)
            XCTAssertFalse(response.body.string.contains("/feedback/"), "\(database): the collector's answer carries no link: \(response.body.string)")
            let smsBody = try await outboxBody(fixture, "A2:rating")
            let sms = try XCTUnwrap(smsBody, database)
            XCTAssertTrue(sms.contains("http://127.0.0.1:8080/feedback/"), sms)
            let recipient = try await fixture.store.sql.raw("SELECT channel, customer_id FROM outbox_messages WHERE id = 'A2:rating'").first()
            XCTAssertEqual(try recipient?.decode(column: "channel", as: String.self), "sms", database)
            XCTAssertEqual(try recipient?.decode(column: "customer_id", as: String.self), "C1", database)
            let retried = try await record(fixture, token, id: "A2", outcome: "right_party_contact")
            XCTAssertEqual(retried.status, .ok, database)
            let messages = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM outbox_messages WHERE id LIKE '%:rating'")
            XCTAssertEqual(messages, 1, "\(database): a retried attempt sends no second message")

            // The customer rates from the SMS, once.
            let link = try path(in: sms)
            let opened = try await fixture.app.sendRequest(.GET, link)
            XCTAssertEqual(opened.status, .ok, database)
            var form = HTTPHeaders()
            form.contentType = .urlEncodedForm
            let rated = try await fixture.app.sendRequest(.POST, link, headers: form, body: ByteBuffer(string: "rating=5"))
            XCTAssertTrue(rated.body.string.contains(#"<p id="thanks">"#), database)
            let again = try await fixture.app.sendRequest(.POST, link, headers: form, body: ByteBuffer(string: "rating=1"))
            XCTAssertTrue(again.body.string.contains(#"<p id="already">"#), database)
            let stored = try await fixture.store.scalar("SELECT rating AS n FROM satisfaction_ratings WHERE contact_attempt_id = 'A2'")
            XCTAssertEqual(stored, 5, database)
            // A link names its own contact: the same signature on another attempt's payload is refused.
            let parts = link.dropFirst("/feedback/".count).split(separator: ".")
            let claim = String(decoding: try XCTUnwrap(Base64URL.decode(parts[0])), as: UTF8.self)
            XCTAssertTrue(claim.contains("|A2|"), claim)
            let other = Base64URL.encode(Data(claim.replacingOccurrences(of: "|A2|", with: "|A1|").utf8))
            let forged = "/feedback/" + other + "." + parts[1]
            let forgedAnswer = try await fixture.app.sendRequest(.POST, forged, headers: form, body: ByteBuffer(string: "rating=1"))
            XCTAssertEqual(forgedAnswer.status, .notFound, database)
            let ratings = try await fixture.store.count("satisfaction_ratings")
            XCTAssertEqual(ratings, 1, database)
        }
    }
}
