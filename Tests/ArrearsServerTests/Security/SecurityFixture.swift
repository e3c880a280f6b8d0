import ArrearsCore
import ArrearsServer
import ArrearsStore
import ArrearsTestSupport
import Foundation
import XCTVapor

/// A server on a test store with users to sign in as. Bcrypt runs at cost 4 here: the cost is a
/// parameter, and production's 12 would make every sign-in in the suite take a quarter second.
struct SecurityFixture {
    static let password = "correct horse battery staple"
    static let cost = 4

    let store: Store
    let app: Application

    /// Builds the app on `store`; `settings` start from production's with a fast bcrypt cost.
    static func make(_ store: Store, settings: (inout SecuritySettings) -> Void = { _ in }) async throws -> SecurityFixture {
        var security = SecuritySettings(passwordCost: cost)
        settings(&security)
        let context = ServerContext(store: store, buckets: .standard, resourcesDirectory: PortfolioPageTests.packageRoot, security: security)
        return SecurityFixture(store: store, app: try await buildApplication(context, environment: .testing))
    }

    /// Runs `body` with a fixture on each test database, shutting the app down after.
    static func each(settings: @escaping (inout SecuritySettings) -> Void = { _ in },
                     _ body: (SecurityFixture, String) async throws -> Void) async throws {
        try await TestDatabases.each { store, database in
            let fixture = try await make(store, settings: settings)
            do { try await body(fixture, database) } catch { try await fixture.app.asyncShutdown(); throw error }
            try await fixture.app.asyncShutdown()
        }
    }

    /// Runs `body` with a fixture on a new SQLite store that has a data key, so that personal data
    /// is sealed at rest and looked up by keyed hash; shuts the app and the store down after.
    static func sealed(_ body: (SecurityFixture) async throws -> Void) async throws {
        let directory = try TestDatabases.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try await Store.open(.sqlite(path: directory.appendingPathComponent("sealed.sqlite").path), dataKey: DataKey.generate())
        let fixture: SecurityFixture
        do { fixture = try await make(store) } catch { await store.shutdown(); throw error }
        do { try await body(fixture) } catch {
            try await fixture.app.asyncShutdown()
            await store.shutdown()
            throw error
        }
        try await fixture.app.asyncShutdown()
        await store.shutdown()
    }

    @discardableResult
    func addUser(_ username: String, _ role: Role, agentId: String? = nil, active: Bool = true) async throws -> User {
        let user = User(id: UUID().uuidString.lowercased(), username: username, displayName: username, role: role,
                        passwordHash: try PasswordHasher.hash(Self.password, cost: Self.cost), agentId: agentId, team: nil,
                        active: active, createdAt: ISO8601DateFormatter().string(from: Date()))
        try await UserDirectory.add(user, actor: "test", on: store)
        return user
    }

    /// A bearer token for a new user of `role`.
    func token(_ role: Role, username: String? = nil, agentId: String? = nil, days: Int = 30) async throws -> String {
        let user = try await addUser(username ?? "\(role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())", role, agentId: agentId)
        return try await APITokens.issue(for: user, label: "test", days: days, actor: "test", on: store).token
    }

    /// A browser signed in as a new user of `role` (working as `agentId`, when given).
    func signedIn(_ role: Role, username: String? = nil, agentId: String? = nil) async throws -> Browser {
        let name = username ?? role.rawValue.replacingOccurrences(of: "_", with: "-")
        try await addUser(name, role, agentId: agentId)
        let browser = Browser(app: app)
        let response = try await browser.signIn(name, Self.password)
        XCTAssertEqual(response.status, .seeOther, "signing in as \(name)")
        return browser
    }

    /// Every audit entry, in sequence order.
    func auditEntries() async throws -> [AuditEntry] {
        try await AuditLog.entries(from: LocalDate(iso: "2000-01-01")!, to: LocalDate(iso: "2999-12-31")!, on: store.sql)
    }

    /// Sends `method path` with a JSON body text and optional bearer token.
    func api(_ method: HTTPMethod, _ path: String, token: String? = nil, json: String? = nil) async throws -> APIAnswer {
        var headers: HTTPHeaders = [:]
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        if json != nil { headers.contentType = .json }
        let response = try await app.sendRequest(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) })
        return APIAnswer(response)
    }
}

/// An API response with its JSON body read.
struct APIAnswer {
    let status: HTTPStatus
    let headers: HTTPHeaders
    let json: [String: Any]

    init(_ response: XCTHTTPResponse) {
        status = response.status
        headers = response.headers
        json = ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any]) ?? [:]
    }

    /// The `error` object's `code`, `message` and `field`.
    var error: [String: String] { (json["error"] as? [String: String]) ?? [:] }
}

/// A browser for in-memory requests: keeps cookies like a real one and finds the CSRF token in
/// the forms it was shown.
final class Browser: @unchecked Sendable {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    /// The last `csrf_token` a page carried.
    private(set) var csrfToken: String?

    init(app: Application) { self.app = app }

    var sessionId: String? { cookies["arrears_session"] }

    /// Sets a cookie, as a page's script or an earlier visit would have; nil removes it.
    func setCookie(_ name: String, _ value: String?) {
        cookies[name] = value
    }

    func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> XCTHTTPResponse {
        try await send(.GET, path, headers: headers, body: nil)
    }

    /// Posts `form` URL-encoded; `csrf: true` adds the token of the last page seen.
    func post(_ path: String, _ form: [String: String] = [:], csrf: Bool = true, headers: HTTPHeaders = [:]) async throws -> XCTHTTPResponse {
        var fields = form
        if csrf, let csrfToken { fields["csrf_token"] = csrfToken }
        var headers = headers
        headers.contentType = .urlEncodedForm
        return try await send(.POST, path, headers: headers, body: ByteBuffer(string: Self.encode(fields)))
    }

    /// Opens the sign-in page and submits it.
    func signIn(_ username: String, _ password: String, next: String? = nil) async throws -> XCTHTTPResponse {
        _ = try await get("/login")
        var form = ["username": username, "password": password]
        form["next"] = next
        return try await post("/login", form)
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders, body: ByteBuffer?) async throws -> XCTHTTPResponse {
        var headers = headers
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        let response = try await app.sendRequest(method, path, headers: headers, body: body)
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if let expires = value.expires, expires < Date() { cookies[name] = nil } else { cookies[name] = value.string }
        }
        if let token = Self.csrfToken(in: response.body.string) { csrfToken = token }
        return response
    }

    static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ form: [String: String]) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return form.map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
