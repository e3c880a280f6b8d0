import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// The workbench's book of work (`WorkbenchFixture`) served over a real socket with the shipped
/// policy pack, for tests that send requests at the same moment: two requests in flight at once
/// go through the HTTP server, its event loops and the database pool as a user's would.
struct ServedFixture {
    let security: SecurityFixture
    let base: String
    let client: HTTPClient

    var store: Store { security.store }

    /// Runs `body` on each test database with the app listening on a free port of 127.0.0.1.
    static func each(_ body: (ServedFixture, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            try await WorkbenchFixture.load(into: store)
            let context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot,
                                        security: SecuritySettings(passwordCost: SecurityFixture.cost), policy: ContactFixture.policy)
            let app = try await buildApplication(context, environment: .testing)
            try await serve(app) { base, client in
                try await body(ServedFixture(security: SecurityFixture(store: store, app: app), base: base, client: client), database)
            }
        }
    }

    /// Runs `body` with `app` listening on a free port of 127.0.0.1 (its address, as
    /// `http://127.0.0.1:PORT`) and a client; then stops both and shuts the app down, also when
    /// `body` throws.
    static func serve(_ app: Application, _ body: (_ base: String, _ client: HTTPClient) async throws -> Void) async throws {
        let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        do {
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try XCTUnwrap(app.http.server.shared.localAddress?.port)
            try await body("http://127.0.0.1:\(port)", client)
        } catch {
            try? await client.shutdown()
            await app.server.shutdown()
            try? await app.asyncShutdown()
            throw error
        }
        try await client.shutdown()
        await app.server.shutdown()
        try await app.asyncShutdown()
    }

    func token(_ role: Role, agentId: String? = nil) async throws -> String {
        try await security.token(role, agentId: agentId)
    }

    /// Sends `method path` over the socket with a JSON body, a bearer token and extra headers.
    func send(_ method: HTTPMethod, _ path: String, token: String, json: String? = nil, headers: HTTPHeaders = [:]) async throws -> Answer {
        var headers = headers
        headers.add(name: .authorization, value: "Bearer \(token)")
        if json != nil { headers.add(name: .contentType, value: "application/json") }
        let response = try await client.execute(request: HTTPClient.Request(url: base + path, method: method, headers: headers,
                                                                            body: json.map { .string($0) })).get()
        return Answer(status: response.status, headers: response.headers, body: response.body.map { String(buffer: $0) } ?? "")
    }

    /// Sends the same request twice at the same moment; the answers in the order of their status.
    func twice(_ method: HTTPMethod, _ path: String, token: String, json: String? = nil, headers: HTTPHeaders = [:]) async throws -> [Answer] {
        async let first = send(method, path, token: token, json: json, headers: headers)
        async let second = send(method, path, token: token, json: json, headers: headers)
        return try await [first, second].sorted { $0.status.code < $1.status.code }
    }

    /// How many audit entries record `action`.
    func audited(_ action: String) async throws -> Int {
        try await store.scalar("SELECT COUNT(*) AS n FROM audit_log WHERE action = '\(action)'")
    }

    /// An answer with its body as text and read as JSON.
    struct Answer {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: String

        var json: [String: Any] { ((try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any]) ?? [:] }
        var errorCode: String? { (json["error"] as? [String: Any])?["code"] as? String }
    }
}
