import ArrearsCore
import ArrearsStore
import Vapor

/// Who is making a request, once their session or bearer token was checked: what routes and
/// queries are authorised against.
public struct SignedInUser: Authenticatable, Sendable, Equatable {
    public let id: String
    public let username: String
    public let displayName: String
    public let role: Role
    /// The agent id in `config/teams.yaml` and `actions.assigned_to`.
    public let agentId: String?
    public let team: String?
    /// The IANA zone the user's pages show times in; nil for the bank's (see `Request.viewerZone`).
    public let timeZone: String?

    public init(id: String, username: String, displayName: String, role: Role, agentId: String?, team: String?, timeZone: String? = nil) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.agentId = agentId
        self.team = team
        self.timeZone = timeZone
    }

    init(_ user: User) {
        self.init(id: user.id, username: user.username, displayName: user.displayName, role: user.role, agentId: user.agentId, team: user.team,
                  timeZone: user.timeZone)
    }

    /// The audit log's actor for what this user does.
    public var auditActor: String { "user:" + username }

    /// The customers and cases this user's queries may touch now: collectors and field agents
    /// only the open work of their queue (none without an agent id) and the customers they were
    /// granted for an inbound call (`InboundAccess`), everyone else all of it.
    public var workScope: WorkScope { workScope(at: Date()) }

    /// The customers and cases this user's queries may touch at `now` (see `workScope`).
    public func workScope(at now: Date) -> WorkScope {
        switch role {
        case .collector, .fieldAgent: .assignedTo(agentId: agentId ?? "", userId: id, now: now)
        case .supervisor, .strategyManager, .legal, .compliance, .admin, .gateway: .all
        }
    }
}

extension Request {
    /// The signed-in user; 401 when nobody is (a route outside `pages` and `api`).
    public func signedInUser() throws -> SignedInUser {
        guard let user = auth.get(SignedInUser.self) else { throw Abort(.unauthorized) }
        return user
    }
}
