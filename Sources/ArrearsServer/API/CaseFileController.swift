import ArrearsCore
import ArrearsStore
import Vapor

/// `GET /api/v1/cases/:id`: the case file (`CaseFile`): the case, the customer masked, accounts
/// with positions, dues, payments and scores, contact history, promises, open tasks, flags and
/// whether the customer may be contacted now by call, SMS and visit. Collectors and field agents
/// reach only their own cases (404 for any other, as if it did not exist).
struct CaseFileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "cases").api(CasesController.readers).get(":id", use: show)
    }

    func show(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let store = req.context.store
        let (id, policy) = (try WorkbenchJSON.pathId(req, "case"), req.context.policy)
        guard let file = try await store.reading({ try await CaseFile.load(caseId: id, scope: user.workScope, policy: policy, on: $0) }) else {
            throw APIError.notFound("there is no such case")
        }
        return try WorkbenchJSON.response(CaseFileJSON(file, customer: try .init(masking: file.customer, store: store)))
    }
}
