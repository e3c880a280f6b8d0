import Vapor

/// `/health`: 200 when the server runs and its database answers, 503 otherwise, so that a load
/// balancer takes a server out of rotation when it cannot reach the database.
struct HealthController: RouteCollection {
    struct Health: Content {
        let status: String
        let database: String
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("health", use: health)
    }

    func health(req: Request) async throws -> Response {
        let reachable = await req.context.store.isReachable()
        let body = Health(status: reachable ? "ok" : "unavailable", database: reachable ? "reachable" : "unreachable")
        let response = try await body.encodeResponse(for: req)
        response.status = reachable ? .ok : .serviceUnavailable
        return response
    }
}
