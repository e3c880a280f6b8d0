import ArrearsCore
import ArrearsServer
import ArrearsStore
import Foundation
import XCTVapor

/// Bearer tokens and roles on the JSON API, and its one error shape.
final class APIAuthenticationTests: XCTestCase {
    private let report = #"{"status":"delivered"}"#

    private func enqueue(_ id: String, on store: Store) async throws {
        try await OutboxRepository.enqueue([OutboxMessage(
            id: id, actionId: "ACT-\(id)", customerId: "C1", channel: "sms", recipient: "+8613800138000",
            language: "zh-CN", subject: nil, body: "您好", businessDate: "2026-11-23"
        )], on: store.sql, sealingPersonalDataWith: store)
    }

    func testAMissingForgedOrExpiredTokenIs401() async throws {
        try await SecurityFixture.each { fixture, database in
            try await enqueue("M1", on: fixture.store)
            let expired = try await fixture.token(.gateway, days: 0)
            let cases: [(String?, String)] = [(nil, "unauthenticated"), ("arr_forged", "invalid_token"), (expired, "invalid_token")]
            for (token, code) in cases {
                let answer = try await fixture.api(.POST, "/api/v1/outbox/M1/status", token: token, json: report)
                XCTAssertEqual(answer.status, .unauthorized, "\(code) \(database)")
                XCTAssertEqual(answer.error["code"], code, database)
                XCTAssertNotNil(answer.error["message"])
                XCTAssertTrue(answer.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
                XCTAssertEqual(answer.headers.contentType, .json)
            }
            let record = try await OutboxRepository.find(id: "M1", on: fixture.store.sql, openingPersonalDataWith: fixture.store)
            XCTAssertEqual(record?.status, .pending, "nothing was recorded: \(database)")
        }
    }

    func testTheGatewayAndAdminMayReportDeliveryAndOtherRolesMayNot() async throws {
        try await SecurityFixture.each { fixture, database in
            for (index, role) in Role.allCases.enumerated() {
                try await enqueue("M\(index)", on: fixture.store)
                let answer = try await fixture.api(.POST, "/api/v1/outbox/M\(index)/status", token: try await fixture.token(role), json: report)
                if role == .gateway || role == .admin {
                    XCTAssertEqual(answer.status, .ok, "\(role) \(database)")
                    XCTAssertEqual(answer.headers.first(name: .cacheControl), "no-store")
                } else {
                    XCTAssertEqual(answer.status, .forbidden, "\(role) \(database)")
                    XCTAssertEqual(answer.error["code"], "forbidden")
                }
            }
        }
    }

    func testATokenOfADeactivatedUserIsRefused() async throws {
        try await SecurityFixture.each { fixture, database in
            let user = try await fixture.addUser("retired", .gateway, active: false)
            let token = try await APITokens.issue(for: user, label: "old", actor: "test", on: fixture.store).token
            let answer = try await fixture.api(.GET, "/api/v1/cases", token: token)
            XCTAssertEqual(answer.status, .unauthorized, database)
        }
    }

    func testATokenIsStoredOnlyAsItsHash() async throws {
        try await SecurityFixture.each { fixture, database in
            let token = try await fixture.token(.admin)
            let rows = try await fixture.store.sql.raw("SELECT token_hash FROM api_tokens").all()
            let hashes = try rows.map { try $0.decode(column: "token_hash", as: String.self) }
            XCTAssertEqual(hashes.count, 1, database)
            XCTAssertFalse(hashes.contains { $0.contains(token) || token.contains($0) })
            XCTAssertEqual(hashes.first?.count, 64, "SHA-256 in hex")
        }
    }

    func testTokensCanBeHadForAUsernameAndPassword() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("sms-gateway", .gateway)
            let issued = try await fixture.api(.POST, "/api/v1/tokens", json: #"{"username":"sms-gateway","password":"\#(SecurityFixture.password)","label":"delivery reports"}"#)
            XCTAssertEqual(issued.status, .created, database)
            let token = try XCTUnwrap(issued.json["token"] as? String)
            XCTAssertNotNil(issued.json["expires_at"] as? String)
            try await self.enqueue("M1", on: fixture.store)
            let report = try await fixture.api(.POST, "/api/v1/outbox/M1/status", token: token, json: self.report)
            XCTAssertEqual(report.status, .ok, database)

            let wrong = try await fixture.api(.POST, "/api/v1/tokens", json: #"{"username":"sms-gateway","password":"not it at all"}"#)
            XCTAssertEqual(wrong.status, .unauthorized, database)
            XCTAssertEqual(wrong.error["code"], "invalid_credentials")
            let missing = try await fixture.api(.POST, "/api/v1/tokens", json: #"{"username":"sms-gateway"}"#)
            XCTAssertEqual(missing.status, .unprocessableEntity, database)
            XCTAssertEqual(missing.error["field"], "password")
        }
    }

    func testTokenRequestsAreThrottledLikeSignIn() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("scripted", .admin)
            for attempt in 1...5 {
                let answer = try await fixture.api(.POST, "/api/v1/tokens", json: #"{"username":"scripted","password":"guess \#(attempt)"}"#)
                XCTAssertEqual(answer.status, .unauthorized, database)
            }
            let sixth = try await fixture.api(.POST, "/api/v1/tokens", json: #"{"username":"scripted","password":"\#(SecurityFixture.password)"}"#)
            XCTAssertEqual(sixth.status, .tooManyRequests, database)
            XCTAssertEqual(sixth.error["code"], "too_many_attempts")
            XCTAssertNotNil(sixth.headers.first(name: "Retry-After").flatMap(Int.init))
        }
    }

    func testIssuingATokenIsAuditedWithoutTheToken() async throws {
        try await SecurityFixture.each { fixture, database in
            let token = try await fixture.token(.gateway, username: "gw")
            let entries = try await fixture.auditEntries()
            let issued = try XCTUnwrap(entries.first { $0.action == "create_api_token" }, database)
            XCTAssertEqual(issued.subject, "user:gw")
            XCTAssertFalse(issued.details.contains(token))
            XCTAssertFalse(entries.contains { $0.details.contains(SecurityFixture.password) || $0.details.contains("$2b$") })
        }
    }

    func testUnknownAPIRoutesAndBadBodiesAnswerInJSON() async throws {
        try await SecurityFixture.each { fixture, database in
            let token = try await fixture.token(.admin)
            let unknown = try await fixture.api(.GET, "/api/v1/nothing-here", token: token)
            XCTAssertEqual(unknown.status, .notFound, database)
            XCTAssertEqual(unknown.error["code"], "not_found")
            let notJSON = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token, json: "fields=mobile")
            XCTAssertEqual(notJSON.status, .badRequest, database)
            XCTAssertEqual(notJSON.error["code"], "invalid_json")
        }
    }

    func testAnOversizedBodyIs413InJSON() async throws {
        try await SecurityFixture.each { fixture, database in
            let token = try await fixture.token(.gateway)
            let body = #"{"status":"failed","detail":""# + String(repeating: "x", count: 65 * 1024) + #""}"#
            let answer = try await fixture.api(.POST, "/api/v1/outbox/M1/status", token: token, json: body)
            XCTAssertEqual(answer.status, .payloadTooLarge, database)
            XCTAssertEqual(answer.error["code"], "payload_too_large")
        }
    }
}
