import ArrearsCore
import ArrearsStore
import Vapor

/// Complaints (issue 5, "Complaints and satisfaction"):
///
/// - `POST /api/v1/complaints`: log one (collectors and field agents for their own customers;
///   the back office for any). The customer is flagged `complaint` at once, which stops calls,
///   visits and legal steps under every pack (`universal.complaint`).
/// - `POST /api/v1/complaints/:id/resolve`: resolve it with what was done (supervisors,
///   compliance, admin); resolving the last open one lifts the flag after that day.
/// - `POST /api/v1/complaints/:id/assign`: hand an open complaint to a user to handle
///   (supervisors, compliance, admin), `{"assigned_to": "username"}`.
/// - `GET /api/v1/complaints?status=open|resolved&cursor=&limit=`: the list, for supervision.
///
/// The compliance console's complaint forms (`ComplaintsPageController`) call the same statics.
struct ComplaintsController: RouteCollection {
    static let loggers: Set<Role> = [.collector, .fieldAgent, .supervisor, .legal, .compliance, .admin]
    static let resolvers: Set<Role> = [.supervisor, .compliance, .admin]

    struct OpenRequest: Decodable {
        let customerId: String
        let caseId: String?
        let channel: String
        let category: String
        let description: String?
        let openedAt: String?

        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", caseId = "case_id", channel, category, description, openedAt = "opened_at"
        }
    }

    struct ResolveRequest: Decodable {
        let resolution: String
        let resolvedAt: String?

        enum CodingKeys: String, CodingKey {
            case resolution, resolvedAt = "resolved_at"
        }
    }

    struct AssignRequest: Decodable {
        let assignedTo: String

        enum CodingKeys: String, CodingKey {
            case assignedTo = "assigned_to"
        }
    }

    struct Item: Content {
        let id: String
        let customerId: String
        let caseId: String?
        let channel: String
        let category: String
        let status: String
        let description: String?
        let resolution: String?
        let openedAt: String
        let resolvedAt: String?
        let assignedTo: String?

        enum CodingKeys: String, CodingKey {
            case id, channel, category, status, description, resolution
            case customerId = "customer_id", caseId = "case_id", openedAt = "opened_at", resolvedAt = "resolved_at", assignedTo = "assigned_to"
        }

        init(_ listed: ComplaintHandling.Listed) {
            id = listed.id
            customerId = listed.customerId
            caseId = listed.caseId
            channel = listed.channel
            category = listed.category
            status = listed.status
            description = listed.description
            resolution = listed.resolution
            openedAt = listed.openedAt
            resolvedAt = listed.resolvedAt
            assignedTo = listed.assignedTo
        }

        /// Absent values are `null`, not missing.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(customerId, forKey: .customerId)
            try container.encode(caseId, forKey: .caseId)
            try container.encode(channel, forKey: .channel)
            try container.encode(category, forKey: .category)
            try container.encode(status, forKey: .status)
            try container.encode(description, forKey: .description)
            try container.encode(resolution, forKey: .resolution)
            try container.encode(openedAt, forKey: .openedAt)
            try container.encode(resolvedAt, forKey: .resolvedAt)
            try container.encode(assignedTo, forKey: .assignedTo)
        }
    }

    typealias Page = CursorPage<Item>

    struct Changed: Content {
        let id: String
        let status: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let complaints = routes.grouped("api", "v1", "complaints")
        complaints.api(Self.loggers).post(use: open)
        complaints.api(Self.resolvers).post(":id", "resolve", use: resolve)
        complaints.api(Self.resolvers).post(":id", "assign", use: assign)
        complaints.api(Self.resolvers).get(use: list)
    }

    func open(req: Request) async throws -> Response {
        let id = try await Self.open(try RequestBody.decode(OpenRequest.self, from: req), user: try req.signedInUser(), req: req)
        return try await Changed(id: id, status: "open").encodeResponse(status: .created, for: req)
    }

    func resolve(req: Request) async throws -> Changed {
        let id = req.parameters.get("id") ?? ""
        try await Self.resolve(id, try RequestBody.decode(ResolveRequest.self, from: req), user: try req.signedInUser(), req: req)
        return Changed(id: id, status: "resolved")
    }

    func assign(req: Request) async throws -> Changed {
        let id = req.parameters.get("id") ?? ""
        try await Self.assign(id, try RequestBody.decode(AssignRequest.self, from: req), user: try req.signedInUser(), req: req)
        return Changed(id: id, status: "open")
    }

    /// Logs the complaint for a customer within the user's work; returns its id.
    static func open(_ body: OpenRequest, user: SignedInUser, req: Request) async throws -> String {
        guard let channel = NewComplaint.Channel(rawValue: body.channel) else {
            throw APIError.invalidField("channel", "channel must be one of \(NewComplaint.Channel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard !body.customerId.isEmpty, body.customerId.count <= 64,
              try await CustomerRepository.exists(id: body.customerId, scope: user.workScope, on: req.context.store.sql) else {
            throw APIError.notFound("there is no such customer")
        }
        let description = try RequestField.text(body.description, "description")
        let complaint = NewComplaint(customerId: body.customerId, caseId: try RequestField.text(body.caseId, "case_id"), channel: channel,
                                     category: body.category, description: description, openedAt: try RequestField.instant(body.openedAt, "opened_at"))
        return try await Self.mapping {
            try await req.context.store.transaction { database in
                try await ComplaintHandling.open(complaint, by: user.auditActor, on: database)
            }
        }
    }

    static func resolve(_ id: String, _ body: ResolveRequest, user: SignedInUser, req: Request) async throws {
        let resolution = try RequestField.text(body.resolution, "resolution") ?? ""
        let resolvedAt = try RequestField.instant(body.resolvedAt, "resolved_at")
        try await Self.mapping {
            try await req.context.store.transaction { database in
                try await ComplaintHandling.resolve(id, resolution: resolution, resolvedAt: resolvedAt, by: user.auditActor, on: database)
            }
        }
    }

    static func assign(_ id: String, _ body: AssignRequest, user: SignedInUser, req: Request) async throws {
        guard let username = try RequestField.text(body.assignedTo, "assigned_to", maximumLength: 64), !username.isEmpty else {
            throw APIError.missingField("assigned_to")
        }
        try await Self.mapping {
            try await req.context.store.transaction { database in
                try await ComplaintHandling.assign(id, to: username, by: user.auditActor, on: database)
            }
        }
    }

    func list(req: Request) async throws -> Page {
        let status = req.query[String.self, at: "status"]
        if let status, !["open", "resolved"].contains(status) {
            throw APIError.badRequest("invalid_parameter", "status must be open or resolved", field: "status")
        }
        let request = try PageRequest(req)
        let rows = try await ComplaintHandling.list(status: status, after: request.after, limit: request.fetchLimit, on: req.context.store.sql)
        return Page(rows, request, key: \.id, item: Item.init)
    }

    /// The store's refusals as API errors naming the field.
    @discardableResult
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as FeedbackError {
            switch error {
            case .unknownComplaint: throw APIError.notFound("there is no such complaint")
            case .unknownCustomer: throw APIError.notFound("there is no such customer")
            case .complaintAlreadyResolved: throw APIError(.conflict, code: "already_resolved", message: error.description, field: error.field)
            default: throw APIError.invalidField(error.field, error.description)
            }
        } catch let error as ContactRecordError {
            throw APIError.invalidField("customer_id", error.description)
        }
    }
}
