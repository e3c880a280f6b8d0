import ArrearsServer
import ArrearsStore
import Foundation
import XCTVapor

final class OutboxStatusTests: XCTestCase {
    private var directory: URL!
    private var store: Store!
    private var app: Application!
    /// A bearer token of the SMS gateway's account, which reports delivery.
    private var token: String!

    override func setUp() async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-outbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try await Store.open(.sqlite(path: directory.appendingPathComponent("s.sqlite").path))
        let fixture = try await SecurityFixture.make(store)
        app = fixture.app
        token = try await fixture.token(.gateway)
        let messages = ["M1", "M2", "M3"].map { id in
            OutboxMessage(
                id: id, actionId: "ACT-\(id)", customerId: "C1", channel: "sms", recipient: "+8613800138000",
                language: "zh-CN", subject: nil, body: "王芳您好，您的信用卡已逾期。", businessDate: "2026-11-23"
            )
        }
        try await OutboxRepository.enqueue(messages, on: store.sql, sealingPersonalDataWith: store)
    }

    override func tearDown() async throws {
        try await app.asyncShutdown()
        await store.shutdown()
        try? FileManager.default.removeItem(at: directory)
    }

    /// Posts `body` (raw JSON text) as the callback for `id`; returns the status and the decoded JSON answer.
    private func report(_ id: String, _ body: String) async throws -> (HTTPStatus, [String: Any]) {
        var result: (HTTPStatus, [String: Any]) = (.ok, [:])
        let token = self.token!
        try await app.test(.POST, "api/v1/outbox/\(id)/status", beforeRequest: { req in
            req.headers.contentType = .json
            req.headers.bearerAuthorization = BearerAuthorization(token: token)
            req.body = ByteBuffer(string: body)
        }, afterResponse: { response async in
            let json = (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]
            result = (response.status, json ?? [:])
        })
        return result
    }

    private func error(_ json: [String: Any]) -> [String: String] {
        (json["error"] as? [String: String]) ?? [:]
    }

    func testDeliveredIsRecorded() async throws {
        let (status, json) = try await report("M1", #"{"status":"delivered","detail":"DELIVRD"}"#)
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(json as? [String: String], ["id": "M1", "status": "delivered"])
        let record = try await OutboxRepository.find(id: "M1", on: store.sql, openingPersonalDataWith: store)
        XCTAssertEqual(record?.status, .delivered)
        XCTAssertNotNil(record?.deliveredAt)
        let (again, _) = try await report("M1", #"{"status":"delivered"}"#)
        XCTAssertEqual(again, .ok, "a repeated callback is harmless")
    }

    func testFailedIsRecordedWithItsDetail() async throws {
        let (status, json) = try await report("M2", #"{"status":"failed","detail":"number not in service"}"#)
        XCTAssertEqual(status, .ok)
        XCTAssertEqual(json as? [String: String], ["id": "M2", "status": "failed"])
        let record = try await OutboxRepository.find(id: "M2", on: store.sql, openingPersonalDataWith: store)
        XCTAssertEqual(record?.status, .failed)
        XCTAssertEqual(record?.lastError, "reported failed by the receiver: number not in service")
    }

    func testAFailureAfterDeliveryIsAConflict() async throws {
        _ = try await report("M3", #"{"status":"delivered"}"#)
        let (status, json) = try await report("M3", #"{"status":"failed"}"#)
        XCTAssertEqual(status, .conflict)
        XCTAssertEqual(error(json)["code"], "already_delivered")
        let record = try await OutboxRepository.find(id: "M3", on: store.sql, openingPersonalDataWith: store)
        XCTAssertEqual(record?.status, .delivered)
    }

    func testUnknownIdIsNotFound() async throws {
        let (status, json) = try await report("nobody", #"{"status":"delivered"}"#)
        XCTAssertEqual(status, .notFound)
        XCTAssertEqual(error(json), ["code": "not_found", "message": "no outbox message has id 'nobody'"])
    }

    func testBadFieldsAreRejectedNamingTheField() async throws {
        let cases: [(String, String, String)] = [
            (#"{"detail":"x"}"#, "missing_field", "status"),
            (#"{"status":"read"}"#, "invalid_field", "status"),
            (#"{"status":3}"#, "invalid_field", "status"),
            (#"{"status":"failed","detail":42}"#, "invalid_field", "detail"),
            (#"{"status":"failed","detail":""# + String(repeating: "x", count: 2_001) + #""}"#, "invalid_field", "detail"),
        ]
        for (body, code, field) in cases {
            let (status, json) = try await report("M1", body)
            XCTAssertEqual(status, .unprocessableEntity, body)
            XCTAssertEqual(error(json)["code"], code, body)
            XCTAssertEqual(error(json)["field"], field, body)
            XCTAssertNotNil(error(json)["message"], body)
        }
        let record = try await OutboxRepository.find(id: "M1", on: store.sql, openingPersonalDataWith: store)
        XCTAssertEqual(record?.status, .pending, "nothing was written")
    }

    func testABodyThatIsNotAJSONObjectIsABadRequest() async throws {
        for body in ["", "delivered", #"["delivered"]"#, #"{"status":"#] {
            let (status, json) = try await report("M1", body)
            XCTAssertEqual(status, .badRequest, body)
            XCTAssertEqual(error(json)["code"], "invalid_json", body)
        }
    }
}
