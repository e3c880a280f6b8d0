import ArrearsCore
import ArrearsStore
import Vapor

/// `GET /api/v1/cases?cursor=&limit=`: collection cases in id order, a page at a time.
/// Collectors and field agents see only the cases of customers with work assigned to their agent
/// id; supervisors, legal, compliance and admin see all. `next_cursor` is null on the last page.
struct CasesController: RouteCollection {
    static let readers: Set<Role> = [.collector, .fieldAgent, .supervisor, .legal, .compliance, .admin]

    struct Amount: Content {
        /// A decimal string in the currency's own minor digits (`1234.50`, yen `50000`).
        let amount: String
        let currency: String
    }

    struct Item: Content {
        let id: String
        let customerId: String
        let status: String
        let segment: String
        let bucket: String
        let dpd: Int
        let overdue: Amount
        let assignedTo: String?

        enum CodingKeys: String, CodingKey {
            case id, status, segment, bucket, dpd, overdue
            case customerId = "customer_id", assignedTo = "assigned_to"
        }
    }

    typealias Page = CursorPage<Item>

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1").api(Self.readers).get("cases", use: list)
    }

    func list(req: Request) async throws -> Page {
        let user = try req.signedInUser()
        let request = try PageRequest(req)
        let cases = try await CaseList.page(after: request.after, limit: request.fetchLimit, scope: user.workScope, on: req.context.store.sql)
        return Page(cases, request, key: \.id) { summary in
            Item(id: summary.id, customerId: summary.customerId, status: summary.status, segment: summary.segment,
                 bucket: summary.bucket, dpd: summary.dpd,
                 overdue: Amount(amount: DecimalAmount.format(summary.overdueMinor, minorDigits: Currency(code: summary.currency)?.minorDigits ?? 2),
                                 currency: summary.currency),
                 assignedTo: summary.assignedTo)
        }
    }
}
