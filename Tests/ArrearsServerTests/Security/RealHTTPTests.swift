import ArrearsCore
import ArrearsServer
import Foundation
import XCTVapor

/// The same rules over a real socket, where what the HTTP server itself does matters: cookies
/// on the wire, bodies streamed without a length, the connection's own client address.
final class RealHTTPTests: XCTestCase {
    /// Starts `fixture`'s app on a free port and runs `body` with its base URL and a client that
    /// does not follow redirects.
    private func serving(_ fixture: SecurityFixture, _ body: (String, HTTPClient) async throws -> Void) async throws {
        try await fixture.serving(body)
    }

    private func send(_ client: HTTPClient, _ method: HTTPMethod, _ url: String, headers: HTTPHeaders = [:],
                      body: HTTPClient.Body? = nil) async throws -> HTTPClient.Response {
        try await client.execute(request: HTTPClient.Request(url: url, method: method, headers: headers, body: body)).get()
    }

    func testSigningInOverHTTPSetsAFreshHttpOnlySessionCookie() async throws {
        try await SecurityFixture.each { fixture, database in
            try await fixture.addUser("wire", .supervisor)
            try await serving(fixture) { base, client in
                let form = try await send(client, .GET, base + "/login")
                let formCookie = try XCTUnwrap(form.headers.setCookie?["arrears_session"], database)
                let html = form.body.map { String(buffer: $0) } ?? ""
                let csrf = try XCTUnwrap(Browser.csrfToken(in: html))
                let signIn = try await send(client, .POST, base + "/login", headers: [
                    "Content-Type": "application/x-www-form-urlencoded", "Cookie": "arrears_session=\(formCookie.string)",
                ], body: .string(Browser.encode(["username": "wire", "password": SecurityFixture.password, "csrf_token": csrf])))
                XCTAssertEqual(signIn.status, .seeOther, database)
                let raw = try XCTUnwrap(signIn.headers.first(name: .setCookie))
                XCTAssertTrue(raw.contains("HttpOnly") && raw.contains("SameSite=Lax"), raw)
                let session = try XCTUnwrap(signIn.headers.setCookie?["arrears_session"]?.string)
                XCTAssertNotEqual(session, formCookie.string, "a new session id at sign-in: \(database)")
                let page = try await send(client, .GET, base + "/?lang=en", headers: ["Cookie": "arrears_session=\(session)"])
                XCTAssertEqual(page.status, .ok, database)
                XCTAssertEqual(page.headers.first(name: "X-Frame-Options"), "DENY")
            }
        }
    }

    func testABodyStreamedWithoutALengthIsCutOffAt64KB() async throws {
        try await SecurityFixture.each { fixture, database in
            let token = try await fixture.token(.gateway)
            try await serving(fixture) { base, client in
                let chunk = ByteBuffer(repeating: UInt8(ascii: " "), count: 16 * 1024)
                let body = HTTPClient.Body.stream(contentLength: nil) { writer in
                    var written = writer.write(.byteBuffer(chunk))
                    for _ in 0..<7 { written = written.flatMap { writer.write(.byteBuffer(chunk)) } }
                    return written
                }
                let response = try await send(client, .POST, base + "/api/v1/outbox/M1/status", headers: [
                    "Authorization": "Bearer \(token)", "Content-Type": "application/json",
                ], body: body)
                XCTAssertEqual(response.status, .payloadTooLarge, database)
                let json = try XCTUnwrap(response.body.map { String(buffer: $0) })
                XCTAssertTrue(json.contains(#""code":"payload_too_large""#), json)
            }
        }
    }
}
