import ArrearsCore
import ArrearsStore
import Vapor

/// `GET /api/v1/accounts/:id`: the account with its position, dues, payments (newest first) and
/// latest scores. Collectors and field agents reach only their own customers' accounts (404 for
/// any other).
struct AccountsController: RouteCollection {
    static let readers: Set<Role> = Set(Role.allCases).subtracting([.gateway])

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "accounts").api(Self.readers).get(":id", use: show)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard let account = try await AccountFile.find(id: try WorkbenchJSON.pathId(req, "account"), scope: user.workScope, on: req.context.store.sql) else {
            throw APIError.notFound("there is no such account")
        }
        return try WorkbenchJSON.response(AccountJSON(account))
    }
}
