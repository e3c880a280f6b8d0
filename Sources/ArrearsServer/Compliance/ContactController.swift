import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit
import Vapor

/// The policy pack at the moment of contact, for the workbench and the bank's dialler:
///
/// - `POST /api/v1/check-contact`: may this contact be made now? The same verdict as
///   `arrears check-contact`, always 200 (`allowed` says which).
/// - `POST /api/v1/contact-attempts`: record an attempt; it counts toward the caps at once. An
///   attempt the pack would have blocked is recorded all the same (it happened), with the rule
///   it breached, for the compliance officer. After a conversation the customer is sent the
///   link to rate it (`RatingLink.invite`); the answer never carries it.
/// - `POST /api/v1/customers/:id/flags`: record a flag (a cease request or a dispute heard on a
///   call, a bankruptcy notice, a preferred time).
///
/// Collectors and field agents reach only the customers with work assigned to them (404 for
/// any other, as if it did not exist). Every change is audited.
struct ContactController: RouteCollection {
    static let contactRoles: Set<Role> = [.collector, .fieldAgent, .supervisor, .legal, .compliance, .admin]

    struct CheckRequest: Decodable {
        let customerId: String
        let channel: String
        let at: String?
        let contactPoint: String?
        let visitors: Int?
        let identificationShown: Bool?

        enum CodingKeys: String, CodingKey {
            case customerId = "customer_id", channel, at, contactPoint = "contact_point", visitors, identificationShown = "identification_shown"
        }
    }

    struct AttemptRequest: Decodable {
        let id: String?
        let customerId: String
        let channel: String
        let contactPoint: String?
        let at: String?
        let outcome: String
        let note: String?

        enum CodingKeys: String, CodingKey {
            case id, customerId = "customer_id", channel, contactPoint = "contact_point", at, outcome, note
        }
    }

    struct AttemptRecorded: Content {
        let id: String
        let recorded: Bool
        let verdict: ContactVerdict
    }

    struct FlagRequest: Decodable {
        let flag: String
        let channel: String?
        let from: String?
        let until: String?
        let value: String?
        let note: String?
    }

    struct FlagRecorded: Content {
        let id: String
    }

    func boot(routes: any RoutesBuilder) throws {
        let api = routes.grouped("api", "v1").api(Self.contactRoles)
        api.post("check-contact", use: check)
        api.post("contact-attempts", use: recordAttempt)
        api.post("customers", ":id", "flags", use: addFlag)
    }

    func check(req: Request) async throws -> ContactVerdict {
        let body = try RequestBody.decode(CheckRequest.self, from: req)
        let user = try req.signedInUser()
        let policy = try policy(req)
        let channel = try Self.channel(body.channel)
        try await requireInScope(body.customerId, user: user, req: req)
        if let visitors = body.visitors, !(0...20).contains(visitors) {
            throw APIError.invalidField("visitors", "visitors must be between 0 and 20")
        }
        let request = ContactRequest(channel: channel, at: try RequestField.instant(body.at, "at"), contactPoint: try RequestField.text(body.contactPoint, "contact_point"),
                                     visitors: body.visitors, identificationShown: body.identificationShown ?? false)
        return ContactVerdict(try await ContactCheck.check(customerId: body.customerId, request, settings: policy, on: req.context.store.sql))
    }

    func recordAttempt(req: Request) async throws -> Response {
        let body = try RequestBody.decode(AttemptRequest.self, from: req)
        let user = try req.signedInUser()
        let policy = try policy(req)
        let channel = try Self.channel(body.channel)
        guard let outcome = ContactAttempt.Outcome(rawValue: body.outcome) else {
            throw APIError.invalidField("outcome", "outcome must be one of \(ContactAttempt.Outcome.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let point = try RequestField.text(body.contactPoint, "contact_point") ?? channel.defaultContactPoint else {
            throw APIError.missingField("contact_point")
        }
        let id = try RequestField.text(body.id, "id") ?? "ATT-" + UUID().uuidString.lowercased()
        let attempt = ContactRecords.NewAttempt(id: id, customerId: body.customerId, channel: channel, contactPoint: point,
                                                at: try RequestField.instant(body.at, "at"), outcome: outcome, note: try RequestField.text(body.note, "note"))
        // The scope is checked in the transaction, on the writing connection, whose pages are
        // fresh: a read of its own first would start on a connection that has to read its
        // pages again after the last write.
        let (recorded, verdict) = try await req.context.store.transaction { database in
            try await Self.requireInScope(attempt.customerId, user: user, on: database)
            let verdict = try await ContactCheck.check(customerId: attempt.customerId, ContactRequest(channel: channel, at: attempt.at, contactPoint: point),
                                                       settings: policy, on: database)
            let recorded = try await Self.mapping { try await ContactRecords.recordAttempt(attempt, breach: verdict, by: user.auditActor, on: database) }
            if recorded { try await RatingLink.invite(attempt, context: req.context, on: database) }
            return (recorded, verdict)
        }
        let response = Response(status: recorded ? .created : .ok)
        try response.content.encode(AttemptRecorded(id: id, recorded: recorded, verdict: ContactVerdict(verdict)))
        return response
    }

    func addFlag(req: Request) async throws -> Response {
        let body = try RequestBody.decode(FlagRequest.self, from: req)
        let user = try req.signedInUser()
        guard let customerId = req.parameters.get("id") else { throw APIError.missingField("id") }
        guard let kind = CustomerFlag.Kind(rawValue: body.flag) else {
            throw APIError.invalidField("flag", "flag must be one of \(CustomerFlag.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let channel = try body.channel.map(Self.channel)
        let flag = CustomerFlag(kind: kind, channel: channel, from: try RequestField.optionalDate(body.from, "from"), until: try RequestField.optionalDate(body.until, "until"),
                                value: try RequestField.text(body.value, "value"))
        try await requireInScope(customerId, user: user, req: req)
        let note = try RequestField.text(body.note, "note")
        let id = try await req.context.store.transaction { database in
            try await Self.mapping { try await ContactRecords.addFlag(flag, customerId: customerId, note: note, by: user.auditActor, on: database) }
        }
        let response = Response(status: .created)
        try response.content.encode(FlagRecorded(id: id))
        return response
    }

    private func policy(_ req: Request) throws -> PolicySettings {
        guard let policy = req.context.policy else {
            throw APIError(.serviceUnavailable, code: "no_policy_pack", message: "no policy pack is configured, so no contact can be checked")
        }
        return policy
    }

    /// 404 unless the customer exists within the user's work.
    private func requireInScope(_ customerId: String, user: SignedInUser, req: Request) async throws {
        try await Self.requireInScope(customerId, user: user, on: req.context.store.sql)
    }

    private static func requireInScope(_ customerId: String, user: SignedInUser, on database: any SQLDatabase) async throws {
        guard !customerId.isEmpty, customerId.count <= 64,
              try await CustomerRepository.exists(id: customerId, scope: user.workScope, on: database) else {
            throw APIError.notFound("there is no such customer")
        }
    }

    static func channel(_ text: String) throws -> ContactChannel {
        guard let channel = ContactChannel(rawValue: text) else {
            throw APIError.invalidField("channel", "channel must be one of \(ContactChannel.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return channel
    }

    /// Contact-record errors as 422 naming the field.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ContactRecordError {
            throw APIError.invalidField(error.field, error.description)
        }
    }
}

extension ContactVerdict: Content {}
