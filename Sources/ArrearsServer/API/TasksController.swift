import ArrearsCore
import ArrearsStore
import Vapor

/// `GET /api/v1/tasks?cursor=&limit=`: the caller's queue, their open tasks highest priority
/// first (`WorkQueue`), each with the policy pack's verdict on contacting the customer now on
/// the task's channel. For collectors and field agents; `next_cursor` is null on the last page.
struct TasksController: RouteCollection {
    static let workers: Set<Role> = [.collector, .fieldAgent]

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").api(Self.workers).get("tasks", use: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let request = try PageRequest(req)
        let after = try request.after.map(Self.position)
        let (agentId, policy, cache) = (user.agentId ?? "", req.context.policy, req.context.queueCache)
        let tasks = try await req.context.store.reading { database in
            if after == nil, let cache { return try await cache.firstPage(agentId: agentId, limit: request.fetchLimit, on: database) }
            return try await WorkQueue.page(agentId: agentId, after: after, limit: request.fetchLimit, policy: policy, on: database)
        }
        return try WorkbenchJSON.response(CursorPage(tasks, request, key: { "\($0.priority)|\($0.id)" }, item: TaskJSON.init))
    }

    /// The queue position inside a cursor: `priority|task id`.
    static func position(_ key: String) throws -> WorkQueue.Position {
        let parts = key.split(separator: "|", maxSplits: 1)
        guard parts.count == 2, let priority = Int64(parts[0]) else {
            throw APIError.badRequest("invalid_cursor", "cursor is not one this server gave out; start again without it", field: "cursor")
        }
        return WorkQueue.Position(priority: priority, taskId: String(parts[1]))
    }
}
