import ArrearsCore
import ArrearsStore
import Vapor

/// `POST /api/v1/customers/:id/access` with `{"reason": "..."}`: the inbound-call exception to
/// "reach only what is yours" (issue 22). A collector called by a customer outside their queue
/// opens that customer for `InboundAccess.duration` (30 minutes), 201 with the grant's expiry.
/// The reason is required (422 naming `reason`, like a reveal's: `CustomersController`'s
/// length limits) and audited as `inbound_access_granted`; an unknown customer is 404.
/// Only collectors take inbound calls; everyone else either sees all customers already or
/// has no business calling (403).
struct InboundAccessController: RouteCollection {
    static let takers: Set<Role> = [.collector]

    struct Body: Decodable {
        let reason: String
    }

    struct Granted: Content {
        let customerId: String
        let expiresAt: String

        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", expiresAt = "expires_at"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.grouped("api", "v1", "customers").api(Self.takers).post(":id", "access", use: grant)
    }

    func grant(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let customerId = try WorkbenchJSON.pathId(req, "customer")
        let reason = try Self.reason(RequestBody.decode(Body.self, from: req).reason)
        guard let grant = try await InboundAccess.grant(customerId: customerId, userId: user.id, reason: reason, by: user.auditActor,
                                                        store: req.context.store) else {
            throw APIError.notFound("there is no such customer")
        }
        return try await Granted(customerId: grant.customerId, expiresAt: UTCTimestamp.text(grant.expiresAt)).encodeResponse(status: .created, for: req)
    }

    /// The reason trimmed, or 422 naming `reason` when it is shorter or longer than a reveal's.
    static func reason(_ text: String?) throws -> String {
        let reason = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.unicodeScalars.count >= CustomersController.minimumReasonLength else {
            throw APIError.invalidField("reason", "give a reason of at least \(CustomersController.minimumReasonLength) characters; it is recorded in the audit log")
        }
        guard reason.unicodeScalars.count <= CustomersController.maximumReasonLength else {
            throw APIError.invalidField("reason", "the reason must be at most \(CustomersController.maximumReasonLength) characters")
        }
        return reason
    }
}
