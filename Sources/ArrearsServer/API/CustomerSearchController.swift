import ArrearsCore
import ArrearsStore
import Vapor

/// `POST /api/v1/customers/search` with `{"query": "...", "mobile_ending": "1234"}`: the customers
/// an inbound caller could be (`CustomerSearch`), at most 20, each with the open case and whether
/// it is in the user's queue (`in_scope`); one that is not is opened for the call through
/// `POST /api/v1/customers/:id/access` with a reason. A POST, so that a typed mobile or ID
/// number is never in a URL, a log line or the browser's history. Collectors and supervisors.
struct CustomerSearchController: RouteCollection {
    static let searchers: Set<Role> = [.collector, .supervisor]
    static let maximumQueryLength = 100

    struct Body: Decodable {
        let query: String
        let mobileEnding: String?

        enum CodingKeys: String, CodingKey {
            case query, mobileEnding = "mobile_ending"
        }
    }

    struct Hit: Content {
        let customerId: String
        let name: String
        let matchedBy: String
        let openCaseId: String?
        let inScope: Bool

        enum CodingKeys: String, CodingKey {
            case name, customerId = "customer_id", matchedBy = "matched_by", openCaseId = "open_case_id", inScope = "in_scope"
        }

        /// An absent case is `null`, not missing.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(customerId, forKey: .customerId)
            try container.encode(name, forKey: .name)
            try container.encode(matchedBy, forKey: .matchedBy)
            try container.encode(openCaseId, forKey: .openCaseId)
            try container.encode(inScope, forKey: .inScope)
        }
    }

    struct Found: Content {
        let results: [Hit]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "customers").api(Self.searchers).post("search", use: search)
    }

    func search(req: Request) async throws -> Found {
        let user = try req.signedInUser()
        let body = try RequestBody.decode(Body.self, from: req)
        let (query, ending) = try Self.validated(query: body.query, mobileEnding: body.mobileEnding)
        let hits = try await CustomerSearch(store: req.context.store).find(query, mobileEnding: ending, scope: user.workScope(at: req.context.now()), actor: user.auditActor)
        return Found(results: hits.map(Hit.init))
    }

    /// The query trimmed (422 naming `query` when empty or longer than `maximumQueryLength`) and
    /// the mobile ending (422 naming `mobile_ending` unless it is four digits or absent).
    static func validated(query: String?, mobileEnding: String?) throws -> (query: String, mobileEnding: String?) {
        let query = (query ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty else { throw APIError.invalidField("query", "type a name, a customer or account id, a mobile or ID number, or an e-mail address") }
        guard query.unicodeScalars.count <= maximumQueryLength else { throw APIError.invalidField("query", "the query must be at most \(maximumQueryLength) characters") }
        let ending = (mobileEnding ?? "").trimmingCharacters(in: .whitespaces)
        guard !ending.isEmpty else { return (query, nil) }
        guard ending.count == 4, ending.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) }) else {
            throw APIError.invalidField("mobile_ending", "the last four digits of the mobile number, or nothing")
        }
        return (query, ending)
    }
}

extension CustomerSearchController.Hit {
    init(_ hit: CustomerSearchHit) {
        self.init(customerId: hit.customerId, name: hit.name, matchedBy: hit.matchedBy.rawValue, openCaseId: hit.openCaseId, inScope: hit.inScope)
    }
}
