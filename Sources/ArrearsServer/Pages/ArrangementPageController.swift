import ArrearsCore
import ArrearsStore
import Vapor

/// `POST /work/cases/:id/arrangements` (CSRF): proposes an instalment plan, deferral, waiver or
/// settlement from the case page for the customer's most overdue account, through the same
/// validation and authority limits as `POST /api/v1/arrangements`. Within the proposer's limits
/// it is active at once; beyond them it waits on the supervisor's page. 303 back to the case's
/// arrangement section, where the arrangement is listed with its instalments; a refusal shows
/// the case page again (422, 403 or 409) naming the field.
struct ArrangementPageController: RouteCollection {
    /// The form's fields, named as the API's; fields a kind does not use are left empty.
    struct ProposalForm: Decodable {
        let kind: String
        let count: String?
        let firstDate: String?
        let newDueDate: String?
        let waiverShare: String?
        let amount: String?
        let payBy: String?
        let reason: String?

        enum CodingKeys: String, CodingKey {
            case kind, count, firstDate = "first_date", newDueDate = "new_due_date", waiverShare = "waiver_share", amount, payBy = "pay_by", reason
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
    }

    func propose(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard let caseId = req.parameters.get("id"), caseId.count <= 128,
              let file = try await CaseFile.load(caseId: caseId, scope: user.workScope, policy: nil, on: req.context.store.sql),
              let account = ArrangementSection.target(file) else { throw Abort(.notFound) }
        do {
            _ = try await ArrangementsController.propose(try req.content.decode(ProposalForm.self).request(accountId: account.id), req: req)
        } catch let error as APIError where error.status != .notFound {
            let view = try await WorkbenchPageController().render(req, error: nil, arrangementError: Self.describe(error))
            let response = try await view.encodeResponse(for: req)
            response.status = error.status
            return response
        }
        return req.redirect(to: "/work/cases/\(caseId)#arrangement")
    }

    /// The refusal as the page shows it, naming the field first.
    static func describe(_ error: APIError) -> String {
        guard let field = error.field, !error.message.hasPrefix(field) else { return error.message }
        return "\(field): \(error.message)"
    }
}
