import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// Personal data through the API: masked by default, revealed field by field to the roles that
/// need it, for a recorded reason, and only for customers within the reader's work.
final class PersonalDataTests: XCTestCase {
    private let reason = "customer called back and asked to be rung on this number"

    private func reveal(_ fields: [String], reason: String? = nil) -> String {
        var body: [String: Any] = ["fields": fields]
        body["reason"] = reason ?? self.reason
        return String(decoding: try! JSONSerialization.data(withJSONObject: body), as: UTF8.self)
    }

    func testTheCustomerIsShownWithPersonalDataMasked() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let answer = try await fixture.api(.GET, "/api/v1/customers/C1", token: try await fixture.token(.supervisor))
            XCTAssertEqual(answer.status, .ok, database)
            XCTAssertEqual(answer.json["name"] as? String, "王芳")
            XCTAssertEqual(answer.json["mobile"] as? String, "138****8000")
            XCTAssertEqual(answer.json["id_number"] as? String, "1101**********1234")
            XCTAssertEqual(answer.json["email"] as? String, "w***@example.cn")
            XCTAssertEqual(answer.json["address"] as? String, "***")
            XCTAssertEqual(answer.json["region"] as? String, "北京")
            let overseas = try await fixture.api(.GET, "/api/v1/customers/C2", token: try await fixture.token(.admin))
            XCTAssertEqual(overseas.json["mobile"] as? String, "+85*****4567")
            XCTAssertTrue(overseas.json["id_number"] is NSNull, "no ID number on file stays null")
        }
    }

    func testRevealingNeedsAReasonOfTenCharacters() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let token = try await fixture.token(.supervisor)
            for body in [reveal(["mobile"], reason: "because"), reveal(["mobile"], reason: "          x"), #"{"fields":["mobile"]}"#] {
                let answer = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token, json: body)
                XCTAssertEqual(answer.status, .unprocessableEntity, "\(body) \(database)")
                XCTAssertEqual(answer.error["field"], "reason", body)
            }
            let revealed = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token, json: reveal(["mobile", "id_number"]))
            XCTAssertEqual(revealed.status, .ok, database)
            XCTAssertEqual(revealed.json["fields"] as? [String: String], ["mobile": "13800138000", "id_number": "110101199003071234"])
        }
    }

    func testEachRoleRevealsOnlyTheFieldsItsWorkNeeds() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let agents: [Role: (agent: String, customer: String)] = [.collector: ("c-zhang-wei", "C1"), .fieldAgent: ("f-shanghai", "C3")]
            let allowed: [Role: Set<String>] = [
                .collector: ["mobile", "email"], .fieldAgent: ["mobile", "address"],
                .supervisor: ["mobile", "id_number", "email", "address"], .legal: ["mobile", "id_number", "email", "address"],
                .compliance: ["mobile", "id_number", "email", "address"], .admin: ["mobile", "id_number", "email", "address"],
                .strategyManager: [], .gateway: [],
            ]
            for role in Role.allCases {
                let token = try await fixture.token(role, agentId: agents[role]?.agent)
                let customer = agents[role]?.customer ?? "C1"
                for field in ["mobile", "id_number", "email", "address"] {
                    let answer = try await fixture.api(.POST, "/api/v1/customers/\(customer)/reveal", token: token, json: reveal([field]))
                    if allowed[role]!.contains(field) {
                        XCTAssertEqual(answer.status, .ok, "\(role) \(field) \(database)")
                    } else {
                        XCTAssertEqual(answer.status, .forbidden, "\(role) \(field) \(database)")
                    }
                }
            }
        }
    }

    func testACollectorFindsOnlyTheCustomersAssignedToThem() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let zhang = try await fixture.token(.collector, agentId: "c-zhang-wei")
            let own = try await fixture.api(.GET, "/api/v1/customers/C1", token: zhang)
            XCTAssertEqual(own.status, .ok, database)
            let other = try await fixture.api(.GET, "/api/v1/customers/C2", token: zhang)
            XCTAssertEqual(other.status, .notFound, database)
            let absent = try await fixture.api(.GET, "/api/v1/customers/C999", token: zhang)
            XCTAssertEqual(other.error, absent.error, "another collector's customer looks exactly like none")
            let revealOther = try await fixture.api(.POST, "/api/v1/customers/C2/reveal", token: zhang, json: reveal(["mobile"]))
            XCTAssertEqual(revealOther.status, .notFound, database)
            let noAgent = try await fixture.token(.collector)
            let nobody = try await fixture.api(.GET, "/api/v1/customers/C1", token: noAgent)
            XCTAssertEqual(nobody.status, .notFound, "a collector without an agent id sees nobody")
        }
    }

    func testEveryRevealIsAuditedAndTheChainStillVerifies() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let token = try await fixture.token(.compliance, username: "auditor.zhou")
            let before = try await fixture.store.count("audit_log")
            _ = try await fixture.api(.GET, "/api/v1/customers/C1", token: token)
            let answer = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token, json: reveal(["address", "id_number"]))
            XCTAssertEqual(answer.status, .ok, database)
            let entries = try await fixture.auditEntries()
            XCTAssertEqual(entries.count, before + 1, "one entry for the reveal, none for the masked view: \(database)")
            let entry = try XCTUnwrap(entries.last)
            XCTAssertEqual(entry.actor, "user:auditor.zhou")
            XCTAssertEqual(entry.action, "view_personal_data")
            XCTAssertEqual(entry.subject, "C1")
            let details = try JSONSerialization.jsonObject(with: Data(entry.details.utf8)) as? [String: String]
            XCTAssertEqual(details, ["fields": "id_number,address", "reason": reason])
            XCTAssertFalse(entry.details.contains("110101199003071234"), "the values themselves are not copied into the log")
            let refused = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token, json: reveal(["mobile"], reason: "short"))
            XCTAssertEqual(refused.status, .unprocessableEntity)
            let after = try await fixture.store.count("audit_log")
            XCTAssertEqual(after, before + 1, "a refused reveal records nothing")
            let verification = try await AuditLog.verify(on: fixture.store.sql)
            XCTAssertNil(verification.firstBreak, database)
        }
    }

    func testEncryptedFieldsAreOpenedForTheMaskAndTheReveal() async throws {
        try await SecurityFixture.sealed { fixture in
            let store = fixture.store
            try await CollectionFixture.load(into: store)
            let row = try await store.sql.raw("SELECT mobile, email, address FROM customers WHERE id = 'C1'").first()
            let stored = try XCTUnwrap(row)
            for column in ["mobile", "email", "address"] {
                XCTAssertTrue(try stored.decode(column: column, as: String.self).hasPrefix("enc1:"), "\(column) sealed at rest")
            }
            let token = try await fixture.token(.admin)
            let masked = try await fixture.api(.GET, "/api/v1/customers/C1", token: token)
            XCTAssertEqual(masked.json["mobile"] as? String, "138****8000")
            XCTAssertEqual(masked.json["email"] as? String, "w***@example.cn")
            XCTAssertEqual(masked.json["address"] as? String, "***")
            let caseFile = try await fixture.api(.GET, "/api/v1/cases/KC1", token: token)
            XCTAssertEqual((caseFile.json["customer"] as? [String: Any])?["email"] as? String, "w***@example.cn", "the case file opens it too")
            let revealed = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token, json: reveal(["mobile", "email", "address"]))
            XCTAssertEqual(revealed.json["fields"] as? [String: String],
                           ["mobile": "13800138000", "email": "wang.fang@example.cn", "address": "北京市朝阳区建国路 1 号, 5 楼"])
            let agent = try await fixture.token(.fieldAgent, agentId: "f-shanghai")
            let visiting = try await fixture.api(.POST, "/api/v1/customers/C3/reveal", token: agent, json: reveal(["address"]))
            XCTAssertEqual(visiting.json["fields"] as? [String: String], ["address": "上海市浦东新区世纪大道 100 号"], "the field agent finds the door")
        }
    }

    func testBadRevealRequestsNameTheField() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let token = try await fixture.token(.admin)
            let cases: [(String, HTTPStatus, String)] = [
                (reveal([]), .unprocessableEntity, "fields"),
                (reveal(["salary"]), .unprocessableEntity, "fields"),
                (#"{"fields":"mobile","reason":"a good enough reason"}"#, .unprocessableEntity, "fields"),
                (#"{"fields":["mobile"],"reason":42}"#, .unprocessableEntity, "reason"),
                (reveal(["mobile"], reason: String(repeating: "r", count: 501)), .unprocessableEntity, "reason"),
            ]
            for (body, status, field) in cases {
                let answer = try await fixture.api(.POST, "/api/v1/customers/C1/reveal", token: token, json: body)
                XCTAssertEqual(answer.status, status, "\(body.prefix(80)) \(database)")
                XCTAssertEqual(answer.error["field"], field, String(body.prefix(80)))
            }
        }
    }
}
