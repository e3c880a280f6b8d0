import ArrearsCore
import ArrearsStore
import Vapor

/// `/search`: finding a customer on an inbound call (issue 25). `GET` shows the form; the form
/// posts (so that a typed mobile or ID number never sits in a URL or the browser's history) and
/// the page answers with the customers found (`CustomerSearch`, the same search as
/// `POST /api/v1/customers/search`). A bad query is the form again with the error, 422.
struct SearchPageController: RouteCollection {
    static let roles = CustomerSearchController.searchers

    struct Form: Decodable {
        let query: String?
        let mobileEnding: String?

        enum CodingKeys: String, CodingKey {
            case query, mobileEnding = "mobile_ending"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("search", use: form)
        routes.post("search", use: search)
    }

    func form(req: Request) async throws -> View {
        let localizer = Localizer(request: req)
        return SearchView.page(query: "", mobileEnding: "", results: nil, error: nil, words: Words(table: localizer.table),
                               language: localizer.language.rawValue, csrfToken: req.csrfToken(), role: try req.signedInUser().role).view
    }

    func search(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let words = Words(table: localizer.table)
        let form = try req.content.decode(Form.self)
        let (typed, ending) = (form.query ?? "", form.mobileEnding ?? "")
        func page(_ results: [SearchView.Result]?, error: String?) -> HTML {
            SearchView.page(query: typed, mobileEnding: ending, results: results, error: error, words: words,
                            language: localizer.language.rawValue, csrfToken: req.csrfToken(), role: user.role)
        }
        let query: (query: String, mobileEnding: String?)
        do {
            query = try CustomerSearchController.validated(query: typed, mobileEnding: ending)
        } catch let error as APIError {
            let response = try await page(nil, error: error.message).view.encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        let hits = try await CustomerSearch(store: req.context.store).find(query.query, mobileEnding: query.mobileEnding,
                                                                            scope: user.workScope(at: req.context.now()), actor: user.auditActor)
        let takes = InboundAccessController.takers.contains(user.role)
        return try await page(hits.map { SearchView.Result(hit: $0, takesInboundCalls: takes) }, error: nil).view.encodeResponse(for: req)
    }
}
