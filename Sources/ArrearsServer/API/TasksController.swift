import ArrearsCore
import ArrearsStore
import Vapor

/// `GET /api/v1/tasks?cursor=&limit=`: the caller's queue, their open tasks highest priority
/// first (`WorkQueue`), each with the policy pack's verdict on contacting the customer now on
/// the task's channel. For collectors and field agents; `next_cursor` is null on the last page.
struct TasksController: RouteCollection {
    static let workers: Set<Role> = [.collector, .fieldAgent]

    struct Page: Encodable {
        let items: [TaskJSON]
        let nextCursor: String?

        enum CodingKeys: String, CodingKey { case items, nextCursor }

        /// `next_cursor` is null on the last page, never missing, as on every list.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(nextCursor, forKey: .nextCursor)
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").api(Self.workers).get("tasks", use: list)
    }

    func list(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let after = try req.query[String.self, at: "cursor"].map(Cursor.decode).map(Self.position)
        let limit = try RequestField.limit(req)
        let (agentId, policy, cache) = (user.agentId ?? "", req.context.policy, req.context.queueCache)
        let tasks = try await req.context.store.reading { database in
            if after == nil, let cache { return try await cache.firstPage(agentId: agentId, limit: limit + 1, on: database) }
            return try await WorkQueue.page(agentId: agentId, after: after, limit: limit + 1, policy: policy, on: database)
        }
        let page = tasks.prefix(limit)
        let next = tasks.count > limit ? page.last.map { Cursor.encode("\($0.priority)|\($0.id)") } : nil
        return try WorkbenchJSON.response(Page(items: page.map(TaskJSON.init), nextCursor: next))
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
