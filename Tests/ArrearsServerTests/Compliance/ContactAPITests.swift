import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The policy pack at the moment of contact, through the API: a collector asks before dialling,
/// records what happened, and the next question already counts it.
final class ContactAPITests: XCTestCase {
    private func each(_ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await ContactFixture.each(body)
    }

    private func check(_ fixture: SecurityFixture, _ token: String, customer: String = "C1", channel: String = "call",
                       at: String = "2026-11-24T12:00:00+08:00") async throws -> APIAnswer {
        try await fixture.api(.POST, "/api/v1/check-contact", token: token,
                              json: #"{"customer_id": "\#(customer)", "channel": "\#(channel)", "at": "\#(at)"}"#)
    }

    func testACollectorIsToldWhenTheQuietHoursEnd() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            let late = try await check(fixture, token, at: "2026-11-24T22:30:00+08:00")
            XCTAssertEqual(late.status, .ok, database)
            XCTAssertEqual(late.json["allowed"] as? Bool, false, database)
            XCTAssertEqual(late.json["rule"] as? String, "cn.quiet-hours", database)
            XCTAssertEqual(late.json["next_allowed_at"] as? String, "2026-11-25T00:00:00Z", database)
            let noon = try await check(fixture, token)
            XCTAssertEqual(noon.json["allowed"] as? Bool, true, database)
            XCTAssertTrue(noon.json.keys.contains("rule"), "\(database): every key is present, null when it does not apply")
        }
    }

    func testRecordedAttemptsCountAtOnceAndABreachIsRecordedWithItsRule() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            for minute in 0..<6 {
                let answer = try await fixture.api(.POST, "/api/v1/contact-attempts", token: token, json: """
                    {"id": "T\(minute)", "customer_id": "C1", "channel": "call", "at": "2026-11-24T10:0\(minute):00+08:00", "outcome": "no_answer"}
                    """)
                XCTAssertEqual(answer.status, .created, "\(database): \(answer.json)")
            }
            let retried = try await fixture.api(.POST, "/api/v1/contact-attempts", token: token, json: """
                {"id": "T5", "customer_id": "C1", "channel": "call", "at": "2026-11-24T10:05:00+08:00", "outcome": "no_answer"}
                """)
            XCTAssertEqual(retried.status, .ok, database)
            XCTAssertEqual(retried.json["recorded"] as? Bool, false, "\(database): a retry records nothing more")
            let seventh = try await check(fixture, token)
            XCTAssertEqual(seventh.json["rule"] as? String, "cn.call-attempts-per-contact-point", database)

            let breach = try await fixture.api(.POST, "/api/v1/contact-attempts", token: token, json: """
                {"id": "T7", "customer_id": "C1", "channel": "call", "at": "2026-11-24T12:00:00+08:00", "outcome": "no_answer", "note": "dialled anyway"}
                """)
            XCTAssertEqual(breach.status, .created, database)
            XCTAssertEqual((breach.json["verdict"] as? [String: Any])?["allowed"] as? Bool, false, database)
            let breached = try await fixture.store.scalar("SELECT COUNT(*) AS n FROM contact_attempts WHERE breached_rule = 'cn.call-attempts-per-contact-point'")
            XCTAssertEqual(breached, 1, database)
            let conversation = try await fixture.api(.POST, "/api/v1/contact-attempts", token: token, json: """
                {"id": "T8", "customer_id": "C1", "channel": "call", "at": "2026-11-24T15:00:00+08:00", "outcome": "right_party_contact"}
                """)
            XCTAssertEqual(conversation.status, .created, database)
            XCTAssertNil(conversation.json["rating_link"], "\(database): the rating link goes to the customer (RatingLinkTests)")
            let entries = try await fixture.auditEntries().filter { $0.action == "contact_attempt_recorded" }
            XCTAssertEqual(entries.count, 8, database)
            XCTAssertTrue(entries.allSatisfy { $0.actor.hasPrefix("user:collector-") }, database)
        }
    }

    func testAFlagRecordedOnACallStopsContactAtOnce() async throws {
        try await each { fixture, database in
            let token = try await fixture.token(.collector, agentId: "c001")
            let flagged = try await fixture.api(.POST, "/api/v1/customers/C1/flags", token: token,
                                                json: #"{"flag": "dispute", "note": "says the card was stolen"}"#)
            XCTAssertEqual(flagged.status, .created, "\(database): \(flagged.json)")
            let sms = try await check(fixture, token, channel: "sms")
            XCTAssertEqual(sms.json["rule"] as? String, "universal.dispute", database)
            let badHours = try await fixture.api(.POST, "/api/v1/customers/C1/flags", token: token, json: #"{"flag": "preferred_hours", "value": "evenings"}"#)
            XCTAssertEqual(badHours.status, .unprocessableEntity, database)
            XCTAssertEqual(badHours.error["field"], "value", database)
        }
    }

    func testWrongRolesTokensScopesAndInputsAreRefusedWithoutHarm() async throws {
        try await each { fixture, database in
            let collector = try await fixture.token(.collector, agentId: "c001")
            let notMine = try await check(fixture, collector, customer: "C2")
            XCTAssertEqual(notMine.status, .notFound, "\(database): another collector's customer does not exist for this one")
            let strategist = try await fixture.token(.strategyManager)
            let strategistStatus = try await check(fixture, strategist).status
            XCTAssertEqual(strategistStatus, .forbidden, database)
            let forgedStatus = try await check(fixture, "forged-token").status
            XCTAssertEqual(forgedStatus, .unauthorized, database)
            let noToken = try await fixture.api(.POST, "/api/v1/check-contact", json: #"{"customer_id": "C1", "channel": "call"}"#)
            XCTAssertEqual(noToken.status, .unauthorized, database)

            let badChannel = try await check(fixture, collector, channel: "pigeon")
            XCTAssertEqual(badChannel.status, .unprocessableEntity, database)
            XCTAssertEqual(badChannel.error["field"], "channel", database)
            let badTime = try await check(fixture, collector, at: "tomorrow at noon")
            XCTAssertEqual(badTime.error["field"], "at", database)
            let notJSON = try await fixture.api(.POST, "/api/v1/check-contact", token: collector, json: "customer_id=C1")
            XCTAssertEqual(notJSON.status, .badRequest, database)
            let missing = try await fixture.api(.POST, "/api/v1/contact-attempts", token: collector, json: #"{"customer_id": "C1", "channel": "call"}"#)
            XCTAssertEqual(missing.error["field"], "outcome", database)

            let supervisor = try await fixture.token(.supervisor)
            for injection in ["C1' OR '1'='1", "C1'; DROP TABLE contact_attempts; --", "C1' --"] {
                let escaped = injection.replacingOccurrences(of: "\"", with: "\\\"")
                let answer = try await fixture.api(.POST, "/api/v1/contact-attempts", token: supervisor, json: """
                    {"customer_id": "\(escaped)", "channel": "call", "outcome": "no_answer", "note": "\(escaped)", "contact_point": "\(escaped)"}
                    """)
                XCTAssertEqual(answer.status, .notFound, "\(database): \(injection)")
                let flagged = try await fixture.api(.POST, "/api/v1/customers/C1/flags", token: supervisor,
                                                    json: #"{"flag": "complaint", "note": "\#(escaped)", "value": "\#(escaped)"}"#)
                XCTAssertEqual(flagged.status, .created, "\(database): text is stored as text")
            }
            let attempts = try await fixture.store.count("contact_attempts")
            XCTAssertEqual(attempts, 0, database)
            let flags = try await fixture.store.count("customer_flags")
            XCTAssertEqual(flags, 3, database)
            let customers = try await fixture.store.count("customers")
            XCTAssertEqual(customers, 2, database)
        }
    }
}
