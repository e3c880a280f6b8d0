import ArrearsCore
import ArrearsStore
import SQLKit
import Vapor

/// `GET /api/v1/customers/:id`: the customer with personal data masked; and
/// `POST /api/v1/customers/:id/reveal`: chosen fields in full, for a recorded reason.
///
/// Collectors and field agents reach only the customers with work assigned to their agent id;
/// any other id is 404, as if it did not exist. A reveal needs a reason of at least
/// `minimumReasonLength` characters (422 naming `reason`), asks only for fields the role may see
/// (`RevealableField.revealable(by:)`, else 403 naming the field), and is written to the audit
/// log as `view_personal_data` (actor, customer, fields, reason) in the same transaction that
/// reads the data: no reveal without its record.
struct CustomersController: RouteCollection {
    static let readers: Set<Role> = Set(Role.allCases).subtracting([.gateway])
    static let auditAction = "view_personal_data"
    static let minimumReasonLength = 10
    static let maximumReasonLength = 500

    struct Customer: Content {
        let id: String
        let name: String
        let mobile: String?
        let idNumber: String?
        let email: String?
        let address: String?
        let region: String?
        let timeZone: String
        let language: String
        let creditRating: String

        enum CodingKeys: String, CodingKey {
            case id, name, mobile, email, address, region, language
            case idNumber = "id_number", timeZone = "time_zone", creditRating = "credit_rating"
        }

        /// Absent values are `null`, not missing: every customer has the same fields.
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(mobile, forKey: .mobile)
            try container.encode(idNumber, forKey: .idNumber)
            try container.encode(email, forKey: .email)
            try container.encode(address, forKey: .address)
            try container.encode(region, forKey: .region)
            try container.encode(timeZone, forKey: .timeZone)
            try container.encode(language, forKey: .language)
            try container.encode(creditRating, forKey: .creditRating)
        }
    }

    struct RevealRequest: Decodable {
        let fields: [String]
        let reason: String
    }

    struct Revealed: Content {
        let id: String
        let fields: [String: String?]
    }

    func boot(routes: any RoutesBuilder) throws {
        let customers = routes.grouped("api", "v1", "customers")
        customers.api(Self.readers).get(":id", use: show)
        customers.api(Self.readers).post(":id", "reveal", use: reveal)
    }

    func show(req: Request) async throws -> Customer {
        let user = try req.signedInUser()
        let store = req.context.store
        guard let stored = try await CustomerRepository.find(id: try customerId(req), scope: user.workScope, on: store.sql) else {
            throw APIError.notFound("there is no such customer")
        }
        return Customer(id: stored.id, name: stored.name,
                        mobile: try store.openField(stored.mobile).map(PersonalDataMask.mobile),
                        idNumber: try store.openField(stored.idNumber).map(PersonalDataMask.idNumber),
                        email: try store.openField(stored.email).map(PersonalDataMask.email),
                        address: try store.openField(stored.address).map(PersonalDataMask.address),
                        region: stored.region, timeZone: stored.timeZone, language: stored.language, creditRating: stored.creditRating)
    }

    func reveal(req: Request) async throws -> Revealed {
        let user = try req.signedInUser()
        let allowed = RevealableField.revealable(by: user.role)
        guard !allowed.isEmpty else { throw APIError.forbidden("the role \(user.role.rawValue) may not reveal personal data") }
        let id = try customerId(req)
        let (fields, reason) = try Self.validated(RequestBody.decode(RevealRequest.self, from: req))
        if let refused = fields.sorted().first(where: { !allowed.contains($0) }) {
            throw APIError(.forbidden, code: "field_not_allowed", message: "the role \(user.role.rawValue) may not reveal \(refused.rawValue)", field: "fields")
        }
        let store = req.context.store
        let values = try await store.transaction { database in
            try await Self.reveal(fields, of: id, reason: reason, user: user, store: store, on: database)
        }
        return Revealed(id: id, fields: Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }

    /// `fields` of the customer in full for `user`, for `reason` (validated): the view is written
    /// to the audit log in `database`, the caller's transaction, before the data is read, so
    /// there is no reveal without its record; 404 for a customer outside the user's work. The
    /// case page's "reveal and call" and the field agent's visit page reveal through it too.
    static func reveal(_ fields: Set<RevealableField>, of id: String, reason: String, user: SignedInUser, store: Store,
                       on database: any SQLDatabase) async throws -> [RevealableField: String?] {
        if let refused = fields.sorted().first(where: { !RevealableField.revealable(by: user.role).contains($0) }) {
            throw APIError(.forbidden, code: "field_not_allowed", message: "the role \(user.role.rawValue) may not reveal \(refused.rawValue)", field: "fields")
        }
        guard let stored = try await CustomerRepository.find(id: id, scope: user.workScope, on: database) else {
            throw APIError.notFound("there is no such customer")
        }
        let event = AuditEvent(actor: user.auditActor, action: auditAction, subject: id,
                               details: ["fields": fields.sorted().map(\.rawValue).joined(separator: ","), "reason": reason])
        try await AuditLog.append([event], on: database)
        var values: [RevealableField: String?] = [:]
        for field in fields {
            switch field {
            case .mobile: values[field] = try store.openField(stored.mobile)
            case .idNumber: values[field] = try store.openField(stored.idNumber)
            case .email: values[field] = try store.openField(stored.email)
            case .address: values[field] = try store.openField(stored.address)
            }
        }
        return values
    }

    /// The fields asked for and the reason, or 422 naming what is wrong.
    static func validated(_ request: RevealRequest) throws -> (Set<RevealableField>, String) {
        guard !request.fields.isEmpty else { throw APIError.invalidField("fields", "name at least one of: \(fieldNames)") }
        var fields: Set<RevealableField> = []
        for name in request.fields {
            guard let field = RevealableField(rawValue: name) else {
                throw APIError.invalidField("fields", "unknown field; fields are: \(fieldNames)")
            }
            fields.insert(field)
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard reason.unicodeScalars.count >= minimumReasonLength else {
            throw APIError.invalidField("reason", "give a reason of at least \(minimumReasonLength) characters; it is recorded in the audit log")
        }
        guard reason.unicodeScalars.count <= maximumReasonLength else {
            throw APIError.invalidField("reason", "the reason must be at most \(maximumReasonLength) characters")
        }
        return (fields, reason)
    }

    private static var fieldNames: String { RevealableField.allCases.map(\.rawValue).joined(separator: ", ") }

    private func customerId(_ req: Request) throws -> String {
        guard let id = req.parameters.get("id"), !id.isEmpty else { throw APIError.notFound("there is no such customer") }
        return id
    }
}
