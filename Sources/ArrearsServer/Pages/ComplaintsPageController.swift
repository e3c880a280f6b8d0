import ArrearsCore
import ArrearsStore
import Vapor

/// The compliance console's complaints (`/compliance/complaints`, compliance and admin): the
/// open complaints, each with who handles it and forms to assign and resolve it, and a form to
/// log one. Each form goes through the complaints API's own code (`ComplaintsController`):
///
/// - `POST /compliance/complaints` (`customer_id`, `case_id`, `channel`, `category`, `description`):
///   logs it; the customer is flagged `complaint` at once.
/// - `POST /compliance/complaints/:id/assign` (`assigned_to`, a username).
/// - `POST /compliance/complaints/:id/resolve` (`resolution`, required).
///
/// A refusal shows the page again with the error beside its field and what was typed.
struct ComplaintsPageController: RouteCollection {
    static let roles = CompliancePageController.roles

    struct Page {
        let t: [String: String]
        let lang: String
        let caseLinks: Bool
        let complaints: [ComplaintHandling.Listed]
        /// The open case of each customer with a complaint that names none.
        let cases: [String: String]
        /// Usernames a complaint may be assigned to.
        let handlers: [String]
        let zone: TimeZone
        let form: PageForm
        let done: String?
    }

    struct LogForm: Decodable {
        let customerId: String?
        let caseId: String?
        let channel: String?
        let category: String?
        let description: String?

        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", caseId = "case_id", channel, category, description
        }
    }

    struct AssignForm: Decodable {
        let assignedTo: String?
        enum CodingKeys: String, CodingKey { case assignedTo = "assigned_to" }
    }

    struct ResolveForm: Decodable {
        let resolution: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let complaints = routes.grouped("compliance", "complaints")
        complaints.get(use: page)
        complaints.post(use: log)
        complaints.post(":id", "assign", use: assign)
        complaints.post(":id", "resolve", use: resolve)
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: .none, status: .ok)
    }

    func log(req: Request) async throws -> Response {
        let form = try req.content.decode(LogForm.self)
        let values = ["customer_id": form.customerId ?? "", "case_id": form.caseId ?? "", "channel": form.channel ?? "",
                      "category": form.category ?? "", "description": form.description ?? ""]
        return try await acting(req, form: "log", values: values, fallback: "customer_id", done: "cp_complaint_logged") { user in
            guard let category = FlagsPageController.present(form.category) else { throw APIError.missingField("category") }
            _ = try await ComplaintsController.open(.init(customerId: form.customerId ?? "", caseId: FlagsPageController.present(form.caseId),
                                                          channel: form.channel ?? "", category: category,
                                                          description: FlagsPageController.present(form.description), openedAt: nil),
                                                    user: user, req: req)
        }
    }

    func assign(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        let form = try req.content.decode(AssignForm.self)
        return try await acting(req, form: "assign:\(id)", values: ["assigned_to": form.assignedTo ?? ""], fallback: "assigned_to",
                                done: "cp_complaint_assigned") { user in
            try await ComplaintsController.assign(id, .init(assignedTo: form.assignedTo ?? ""), user: user, req: req)
        }
    }

    func resolve(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        let form = try req.content.decode(ResolveForm.self)
        return try await acting(req, form: "resolve:\(id)", values: ["resolution": form.resolution ?? ""], fallback: "resolution",
                                done: "cp_complaint_resolved") { user in
            guard let resolution = FlagsPageController.present(form.resolution) else { throw APIError.missingField("resolution") }
            try await ComplaintsController.resolve(id, .init(resolution: resolution, resolvedAt: nil), user: user, req: req)
        }
    }

    /// Does `work` and goes back to the page with the notice `done`, or shows the page again with
    /// the refusal beside its field (`fallback` when it names none) and the API's status.
    private func acting(_ req: Request, form: String, values: [String: String], fallback: String, done: String,
                        _ work: (SignedInUser) async throws -> Void) async throws -> Response {
        let localizer = Localizer(request: req)
        do {
            try await work(try req.signedInUser())
        } catch let error as APIError {
            return try await render(req, form: PageForm(form: form, values: values, error: error, fallback: fallback,
                                                           words: Words(table: localizer.table), language: localizer.language),
                                    status: error.status)
        }
        return req.redirect(to: "/compliance/complaints?lang=\(localizer.language.rawValue)&done=\(done)")
    }

    private func render(_ req: Request, form: PageForm, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let database = req.context.store.sql
        let complaints = try await ComplaintHandling.list(status: "open", after: nil, limit: CompliancePageController.limit, on: database)
        let cases = try await ComplianceWatch.openCases(of: Set(complaints.filter { $0.caseId == nil }.map(\.customerId)), on: database)
        let handlers = try await UserDirectory.all(on: database).filter { $0.active && ComplaintsController.resolvers.contains($0.role) }.map(\.username).sorted()
        let page = Page(t: localizer.table, lang: localizer.language.rawValue, caseLinks: RoleMenu.opensCases(user.role),
                        complaints: complaints, cases: cases, handlers: handlers, zone: req.viewerZone, form: form,
                        done: FlagsPageController.done(req))
        let response = try await ComplaintsView.page(page, csrfToken: req.csrfToken(), role: user.role).view.encodeResponse(for: req)
        response.status = status
        return response
    }
}
