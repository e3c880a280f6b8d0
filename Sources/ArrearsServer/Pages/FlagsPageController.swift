import ArrearsCore
import ArrearsStore
import Vapor

/// The compliance console's flags (`/compliance/flags`, compliance and admin): the flags in
/// force today, each with a form to end it with the evidence that it no longer applies, and a
/// form to add one.
///
/// - `POST /compliance/flags` (`customer_id`, `flag`, `channel`, `from`, `until`, `value`,
///   `note`): records it with the flags API's own code (`ContactController.addFlag`).
/// - `POST /compliance/flags/:id/end` (`evidence`, required): ends it as `arrears flag end`
///   does (`ContactRecords.endFlag`), its last day yesterday in the bank's zone, so that from
///   today neither the workbench, the API nor the daily run sees it; the evidence is kept in
///   the audit entry.
///
/// A refusal shows the page again with the error beside its field and what was typed.
struct FlagsPageController: RouteCollection {
    static let roles = CompliancePageController.roles

    struct Page {
        let t: [String: String]
        let lang: String
        let today: String
        let caseLinks: Bool
        let flags: [ComplianceWatch.ActiveFlag]
        let form: PageForm
        let done: String?
    }

    struct AddForm: Decodable {
        let customerId: String?
        let flag: String?
        let channel: String?
        let from: String?
        let until: String?
        let value: String?
        let note: String?

        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", flag, channel, from, until, value, note
        }
    }

    struct EndForm: Decodable {
        let evidence: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        let flags = routes.grouped("compliance", "flags")
        flags.get(use: page)
        flags.post(use: add)
        flags.post(":id", "end", use: end)
    }

    func page(req: Request) async throws -> Response {
        try await render(req, form: .none, status: .ok)
    }

    func add(req: Request) async throws -> Response {
        let form = try req.content.decode(AddForm.self)
        let localizer = Localizer(request: req)
        let values = ["customer_id": form.customerId ?? "", "flag": form.flag ?? "", "channel": form.channel ?? "", "from": form.from ?? "",
                      "until": form.until ?? "", "value": form.value ?? "", "note": form.note ?? ""]
        do {
            let body = ContactController.FlagRequest(flag: form.flag ?? "", channel: Self.present(form.channel), from: Self.present(form.from),
                                                     until: Self.present(form.until), value: Self.present(form.value), note: Self.present(form.note))
            _ = try await ContactController.addFlag(body, customerId: form.customerId ?? "", user: try req.signedInUser(), req: req)
        } catch let error as APIError {
            return try await render(req, form: PageForm(form: "add", values: values, error: error, fallback: "customer_id",
                                                           words: Words(table: localizer.table), language: localizer.language),
                                    status: error.status)
        }
        return req.redirect(to: "/compliance/flags?lang=\(localizer.language.rawValue)&done=cp_flag_added")
    }

    func end(req: Request) async throws -> Response {
        let id = req.parameters.get("id") ?? ""
        let form = try req.content.decode(EndForm.self)
        let localizer = Localizer(request: req)
        let user = try req.signedInUser()
        do {
            guard let evidence = try RequestField.text(form.evidence, "evidence").flatMap(Self.present) else { throw APIError.missingField("evidence") }
            let lastDay = req.context.dateRules.today(now: req.context.now()).adding(days: -1)
            try await req.context.store.transaction { database in
                try await ContactController.mapping {
                    try await ContactRecords.endFlag(id, lastDay: lastDay, evidence: evidence, by: user.auditActor, at: req.context.now(), on: database)
                }
            }
        } catch let error as APIError {
            return try await render(req, form: PageForm(form: "end:\(id)", values: ["evidence": form.evidence ?? ""], error: error, fallback: "evidence",
                                                           words: Words(table: localizer.table), language: localizer.language),
                                    status: error.status)
        }
        return req.redirect(to: "/compliance/flags?lang=\(localizer.language.rawValue)&done=cp_flag_ended")
    }

    private func render(_ req: Request, form: PageForm, status: HTTPResponseStatus) async throws -> Response {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let today = req.context.dateRules.today(now: req.context.now())
        let flags = try await ComplianceWatch.activeFlags(on: today, limit: CompliancePageController.limit, on: req.context.store.sql)
        let page = Page(t: localizer.table, lang: localizer.language.rawValue, today: today.description,
                        caseLinks: RoleMenu.opensCases(user.role), flags: flags, form: form, done: Self.done(req))
        let response = try await FlagsView.page(page, csrfToken: req.csrfToken(), role: user.role).view.encodeResponse(for: req)
        response.status = status
        return response
    }

    /// The notice after a change (`?done=`), only one of the console's own.
    static func done(_ req: Request) -> String? {
        req.query[String.self, at: "done"].flatMap { $0.hasPrefix("cp_") && $0.count < 40 ? $0 : nil }
    }

    /// nil for an empty or absent field, as a form sends what was left blank.
    static func present(_ text: String?) -> String? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        return text
    }
}
