import ArrearsCore
import AsyncHTTPClient
import ArrearsServer
import Foundation
import XCTVapor

/// What is wrong with a request's transport rather than its values gets a clear 4xx, over a
/// real socket (where NIO's HTTP pipeline, not only the routes, handles the request), and the
/// connection and the server go on: faults the route fuzzer found (docs/fuzzing.md).
final class TransportTests: XCTestCase {
    /// Starts `fixture`'s app on a free port and runs `body` with its base URL and a client.
    private func serving(_ fixture: SecurityFixture, _ body: (String, HTTPClient) async throws -> Void) async throws {
        try await fixture.serving(timeout: .init(connect: .seconds(5), read: .seconds(20)), body)
    }

    private func send(_ client: HTTPClient, _ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:], body: [UInt8]? = nil) async throws -> (HTTPResponseStatus, String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers = headers
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await client.execute(request, timeout: .seconds(20))
        return (response.status, String(buffer: try await response.body.collect(upTo: 1 << 20)))
    }

    private func code(_ json: String) -> String? {
        let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any]
        return (object?["error"] as? [String: Any])?["code"] as? String
    }

    /// Vapor inflated gzip bodies in NIO's pipeline, where a corrupt one or a bomb closed the
    /// connection unanswered (and a deflate one could leave it waiting for ever).
    func testACompressedBodyIsRefusedWith415AndNothingIsStored() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let token = try await fixture.token(.admin)
            let json = #"{"customer_id":"C1","channel":"call","category":"service","description":"compressed"}"#
            let before = try await fixture.store.count("complaints")
            try await serving(fixture) { base, client in
                for (name, body) in [("gzip", Gzip.stored(Array(json.utf8))), ("corrupt", Array(Gzip.stored(Array(json.utf8)).prefix(12)) + [1, 2, 3]),
                                     ("bomb", Gzip.bomb)] {
                    for encoding in ["gzip", "deflate", "br, gzip"] {
                        let (status, text) = try await send(client, .POST, base + "/api/v1/complaints", headers: [
                            "Authorization": "Bearer \(token)", "Content-Type": "application/json", "Content-Encoding": encoding,
                        ], body: body)
                        XCTAssertEqual(status, .unsupportedMediaType, "\(name) as \(encoding): \(database)")
                        XCTAssertEqual(code(text), "unsupported_content_encoding", text)
                    }
                }
                let (identity, _) = try await send(client, .POST, base + "/api/v1/complaints", headers: [
                    "Authorization": "Bearer \(token)", "Content-Type": "application/json", "Content-Encoding": "identity",
                ], body: Array(json.utf8))
                XCTAssertEqual(identity, .created, "identity is no compression: \(database)")
                let (health, _) = try await send(client, .GET, base + "/health")
                XCTAssertEqual(health, .ok)
            }
            let after = try await fixture.store.count("complaints")
            XCTAssertEqual(after, before + 1, "only the uncompressed complaint is stored: \(database)")
        }
    }

    func testACompressedFormIsRefusedWithAnErrorPage() async throws {
        try await SecurityFixture.each { fixture, database in
            try await serving(fixture) { base, client in
                let (status, html) = try await send(client, .POST, base + "/login", headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "gzip",
                ], body: Gzip.bomb)
                XCTAssertEqual(status, .unsupportedMediaType, database)
                XCTAssertTrue(html.contains("<h1>415</h1>"), html)
            }
        }
    }

    /// A form, or text, sent to a JSON route was read as JSON whatever its type said.
    func testAFormSentToAJSONRouteIsRefusedWith415() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let token = try await fixture.token(.admin)
            for type in ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"] {
                var headers: HTTPHeaders = ["Content-Type": type]
                headers.bearerAuthorization = BearerAuthorization(token: token)
                let response = try await fixture.app.sendRequest(.POST, "/api/v1/complaints", headers: headers,
                                                                 body: ByteBuffer(string: "customer_id=C1&category=service&description=x"))
                XCTAssertEqual(response.status, .unsupportedMediaType, "\(type): \(database)")
                XCTAssertEqual(APIAnswer(response).error["code"], "unsupported_media_type")
            }
            let stored = try await fixture.store.count("complaints")
            XCTAssertEqual(stored, 0, database)
            let plain = try await fixture.api(.POST, "/api/v1/complaints", token: token,
                                              json: #"{"customer_id":"C1","channel":"call","category":"service","description":"typed"}"#)
            XCTAssertEqual(plain.status, .created, "JSON still goes in: \(database)")
        }
    }
}

/// A NUL character in an id, a query or a body: PostgreSQL cannot store one in text and failed
/// the statement (500 on every route the route fuzzer tried); SQLite stored it.
final class NULCharacterTests: XCTestCase {
    func testANULInAPathQueryOrBodyIsRefusedWithA4xxAndNothingIsStored() async throws {
        try await SecurityFixture.each { fixture, database in
            try await CollectionFixture.load(into: fixture.store)
            let token = try await fixture.token(.admin)
            for path in ["/api/v1/customers/C1%00", "/api/v1/customers/%00", "/api/v1/cases/K%00C1"] {
                let answer = try await fixture.api(.GET, path, token: token)
                XCTAssertEqual(answer.status, .notFound, "\(path): \(database)")
                XCTAssertEqual(answer.error["code"], "not_found")
            }
            let listed = try await fixture.api(.GET, "/api/v1/complaints?status=open%00", token: token)
            XCTAssertEqual(listed.status, .badRequest, database)
            for json in [#"{"customer_id":"C1\u0000","channel":"call","category":"service"}"#,
                         #"{"customer_id":"C1","channel":"call","category":"a\u0000b"}"#] {
                let answer = try await fixture.api(.POST, "/api/v1/complaints", token: token, json: json)
                XCTAssertEqual(answer.status, .badRequest, "\(json): \(database)")
                XCTAssertEqual(answer.error["code"], "invalid_character")
            }
            let escaped = try await fixture.api(.POST, "/api/v1/complaints", token: token,
                                                json: #"{"customer_id":"C1","channel":"call","category":"service","description":"a backslash: \\u0000"}"#)
            XCTAssertEqual(escaped.status, .created, "an escaped backslash before u0000 is text, not NUL: \(database)")
            let stored = try await fixture.store.count("complaints")
            XCTAssertEqual(stored, 1, database)

            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let signIn = try await fixture.app.sendRequest(.POST, "/login", headers: headers, body: ByteBuffer(string: "username=a%00b&password=x"))
            XCTAssertEqual(signIn.status, .badRequest, database)
            XCTAssertTrue(signIn.body.string.contains("<h1>400</h1>"))
        }
    }
}
