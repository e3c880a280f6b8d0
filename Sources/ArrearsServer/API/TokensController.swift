import ArrearsCore
import ArrearsStore
import Vapor

/// `POST /api/v1/tokens` with `{"username", "password", "label"?}`: a bearer token for the
/// API, valid for `APITokens.defaultLifetimeDays` days, shown once (201). Wrong credentials are
/// 401 `invalid_credentials`; attempts are throttled like the sign-in page (429 with
/// `Retry-After`). Issuing is audited as `create_api_token` by the user.
struct TokensController: RouteCollection {
    static let maximumLabelLength = 100

    struct Credentials: Decodable {
        let username: String
        let password: String
        let label: String?
    }

    struct Issued: Content {
        let token: String
        let expiresAt: String
        let label: String

        enum CodingKeys: String, CodingKey {
            case token, label
            case expiresAt = "expires_at"
        }
    }

    struct Listed: Content {
        let id: String
        let username: String
        let label: String
        let createdAt: String
        let expiresAt: String

        enum CodingKeys: String, CodingKey {
            case id, username, label
            case createdAt = "created_at", expiresAt = "expires_at"
        }

        init(_ token: APITokenDirectory.Listed) {
            id = token.record.id
            username = token.username
            label = token.record.label
            createdAt = token.record.createdAt
            expiresAt = token.record.expiresAt
        }
    }

    struct Listing: Content {
        let items: [Listed]
    }

    func boot(routes: any RoutesBuilder) throws {
        let tokens = routes.grouped("api", "v1", "tokens")
        tokens.post(use: create)
        tokens.api(Set(Role.allCases)).get(use: list)
        tokens.api(Set(Role.allCases)).delete(":id", use: revoke)
    }

    /// Whose tokens `user` may list and revoke: their own, or everyone's for an admin (nil).
    private static func owner(_ user: SignedInUser) -> String? {
        user.role == .admin ? nil : user.id
    }

    func list(req: Request) async throws -> Listing {
        let user = try req.signedInUser()
        return Listing(items: try await APITokenDirectory.list(userId: Self.owner(user), on: req.context.store.sql).map(Listed.init))
    }

    func revoke(req: Request) async throws -> HTTPStatus {
        let user = try req.signedInUser()
        let id = try WorkbenchJSON.pathId(req, "token")
        guard try await APITokenDirectory.revoke(id: id, ofUser: Self.owner(user), actor: user.auditActor, on: req.context.store) != nil else {
            throw APIError.notFound("there is no such token")
        }
        return .noContent
    }

    func create(req: Request) async throws -> Response {
        let credentials = try RequestBody.decode(Credentials.self, from: req)
        let label = credentials.label ?? "api"
        guard !label.isEmpty, label.unicodeScalars.count <= Self.maximumLabelLength else {
            throw APIError.invalidField("label", "label must be 1 to \(Self.maximumLabelLength) characters")
        }
        switch try await SignInAttempt.attempt(username: credentials.username, password: credentials.password, on: req) {
        case .throttled(let seconds):
            throw APIError.tooManyAttempts(retryAfter: seconds)
        case .rejected:
            throw APIError(.unauthorized, code: "invalid_credentials", message: "wrong username or password")
        case .signedIn(let user):
            let issued = try await APITokens.issue(for: user, label: label, actor: SignedInUser(user).auditActor, on: req.context.store)
            let response = try await Issued(token: issued.token, expiresAt: issued.record.expiresAt, label: label).encodeResponse(status: .created, for: req)
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
            return response
        }
    }
}
