import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// `POST /work/cases/:id/arrangements/quote` (CSRF): the case page with what the terms come to
/// (`Arrangements.preview`: each instalment, their sum, who must approve) and a button that
/// proposes exactly them; nothing is stored. A refusal shows the page again naming the field.
///
/// `POST /work/cases/:id/arrangements` (CSRF): proposes an instalment plan, deferral, waiver or
/// settlement from the case page for the account chosen (`account_id`, one of the case's
/// customer's; by default the oldest overdue, `ArrangementSection.target`), through the same
/// validation and authority limits as `POST /api/v1/arrangements`. Within the proposer's limits
/// it is active at once; beyond them it waits on the supervisor's page. 303 back to the case's
/// arrangement section, where the arrangement is listed with its instalments; a refusal shows
/// the case page again (422, 403 or 409) naming the field.
struct ArrangementPageController: RouteCollection {
    /// The form's fields, named as the API's; fields a kind does not use are left empty.
    struct ProposalForm: Decodable {
        let kind: String
        let accountId: String?
        let count: String?
        let firstDate: String?
        let newDueDate: String?
        let waiverShare: String?
        let amount: String?
        let payBy: String?
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case kind, accountId = "account_id", count, firstDate = "first_date", newDueDate = "new_due_date", waiverShare = "waiver_share", amount, payBy = "pay_by", reason
        }

        func request(accountId: String) throws -> ArrangementsController.ProposeRequest {
            func given(_ text: String?) -> String? { text.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 } }
            let instalments = try given(count).map { text in
                guard let number = Int(text) else { throw APIError.invalidField("count", "count must be a whole number of instalments") }
                return number
            }
            return ArrangementsController.ProposeRequest(accountId: accountId, kind: kind, count: instalments, firstDate: given(firstDate),
                                                         newDueDate: given(newDueDate), waiverAmount: nil, waiverShare: given(waiverShare),
                                                         amount: given(amount), payBy: given(payBy), reason: given(reason))
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.post("work", "cases", ":id", "arrangements", use: propose)
        routes.post("work", "cases", ":id", "arrangements", "quote", use: quote)
    }

    /// The case and the account the form chose among its customer's (the oldest overdue when it
    /// chose none); 404 for another customer's account.
    private func account(_ req: Request, _ form: ProposalForm) async throws -> (caseId: String, accountId: String) {
        let user = try req.signedInUser()
        guard let caseId = req.parameters.get("id"), caseId.count <= 128,
              let file = try await CaseFile.load(caseId: caseId, scope: user.workScope, policy: nil, on: req.context.store.sql) else { throw Abort(.notFound) }
        let chosen = form.accountId.flatMap { id in file.accounts.first { $0.id == id } } ?? (form.accountId?.isEmpty ?? true ? ArrangementSection.target(file) : nil)
        guard let account = chosen else { throw Abort(.notFound) }
        return (caseId, account.id)
    }

    func quote(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let form = try req.content.decode(ProposalForm.self)
        let (_, accountId) = try await account(req, form)
        do {
            let body = try form.request(accountId: accountId)
            let terms = try await ArrangementsController.terms(body, req: req)
            let preview = try await ArrangementsController.mapping {
                try await Arrangements.preview(accountId: accountId, terms: terms, reason: try RequestField.text(body.reason, "reason"), scope: user.workScope,
                                               today: ArrangementsController.today(), limits: req.context.authority, on: req.context.store.sql)
            }
            return try await WorkbenchPageController().render(req, quote: CaseView.Quote(preview: preview, form: form, accountId: accountId))
                .encodeResponse(for: req)
        } catch let error as APIError where error.status != .notFound {
            return try await refused(req, error, form)
        }
    }

    func propose(req: Request) async throws -> Response {
        let form = try req.content.decode(ProposalForm.self)
        let (caseId, accountId) = try await account(req, form)
        do {
            _ = try await ArrangementsController.propose(try form.request(accountId: accountId), req: req)
        } catch let error as APIError where error.status != .notFound {
            return try await refused(req, error, form)
        }
        // The case page in the language the form was in.
        let language = req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" } ?? ""
        return req.redirect(to: "/work/cases/\(caseId)\(language)#arrangement")
    }

    /// The case page again naming what is wrong beside its field, with what was typed in the
    /// form, and the API's status.
    private func refused(_ req: Request, _ error: APIError, _ form: ProposalForm) async throws -> Response {
        let localizer = Localizer(request: req)
        let typed = ["account_id": form.accountId, "count": form.count, "first_date": form.firstDate, "new_due_date": form.newDueDate,
                     "waiver_share": form.waiverShare, "amount": form.amount, "pay_by": form.payBy, "reason": form.reason]
            .compactMapValues { $0.map { String($0.prefix(RequestField.maximumTextLength)) } }
        // The fields each kind's form shows (`CaseView`), where its errors can sit.
        let shown = ["instalment_plan": ["count", "first_date"], "deferral": ["new_due_date", "reason"], "waiver": ["waiver_share", "reason"],
                     "settlement": ["amount", "pay_by"]][form.kind] ?? []
        let refused = PageForm(form: "arrangement-" + form.kind, values: typed, error: error, fallback: "kind", fields: shown + ["account_id", "kind"],
                               words: Words(localizer), language: localizer.language)
        let message = localizer.language == .en ? Self.describe(error) : refused.errors.values.first ?? ""
        let view = try await WorkbenchPageController().render(req, form: refused, arrangementError: message)
        let response = try await view.encodeResponse(for: req)
        response.status = error.status
        return response
    }

    /// The refusal as the page shows it, naming the field first.
    static func describe(_ error: APIError) -> String {
        guard let field = error.field, !error.message.hasPrefix(field) else { return error.message }
        return "\(field): \(error.message)"
    }
}
