import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import SQLKit
import Vapor

/// The policy pack at the moment of contact, for the workbench and the bank's dialler:
///
/// - `POST /api/v1/check-contact`: may this contact be made now? The same verdict as
///   `arrears check-contact`, always 200 (`allowed` says which).
/// - `POST /api/v1/start-contact`: about to dial, send or visit. What the pack forbids is a hard
///   stop, 409 `blocked_by_policy` naming the rule; where the rule says `override:
///   reason_required`, an `override_reason` lets the contact go ahead (201 with `override_id`),
///   stored and audited (`ContactStart`).
/// - `POST /api/v1/contact-attempts`: record an attempt; it counts toward the caps at once. An
///   attempt the pack would have blocked is recorded all the same (it happened), with the rule
///   it breached, and the answer says so in words (`breach`); one covered by the same user's
///   override is not a breach (`override_id`). After a conversation the customer is sent the
///   link to rate it (`RatingLink.invite`); the answer never carries it.
/// - `GET /api/v1/compliance/breaches?from=&to=` (supervisor, compliance, admin): the breaches
///   and overrides of those customer-local dates, both included (`ContactExceptions`).
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

        /// The contact asked about, on `channel` (already read from `channel`).
        func contactRequest(on channel: ContactChannel, _ req: Request) throws -> ContactRequest {
            if let visitors, !(0...20).contains(visitors) {
                throw APIError.invalidField("visitors", "visitors must be between 0 and 20")
            }
            return ContactRequest(channel: channel, at: try ContactController.instant(at, req), contactPoint: try RequestField.text(contactPoint, "contact_point"),
                                  visitors: visitors, identificationShown: identificationShown ?? false)
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
        /// With `callback`: when the customer agreed to be called.
        let callbackAt: String?
        /// With `refusal` or `cease_request`, where the pack keeps them: the channels the customer accepts.
        let acceptedChannels: [String]?

        enum CodingKeys: String, CodingKey {
            case id, customerId = "customer_id", channel, contactPoint = "contact_point", at, outcome, note, callbackAt = "callback_at",
                 acceptedChannels = "accepted_channels"
        }

        /// What goes with the outcome, read and checked field by field.
        func details() throws -> OutcomeRules.Details {
            let channels = try acceptedChannels.map { names in
                Set(try names.map { name in
                    guard let channel = ContactChannel(rawValue: name) else {
                        throw APIError.invalidField("accepted_channels", "accepted_channels must list channels of \(ContactChannel.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    return channel
                })
            }
            return OutcomeRules.Details(callbackAt: try callbackAt.map { try RequestField.instant($0, "callback_at") }, acceptedChannels: channels)
        }
    }

    /// The check's fields and, for a rule that allows it, the reason to go ahead all the same.
    struct StartRequest: Decodable {
        let contact: CheckRequest
        let overrideReason: String?

        enum CodingKeys: String, CodingKey {
            case overrideReason = "override_reason"
        }

        init(from decoder: any Decoder) throws {
            contact = try CheckRequest(from: decoder)
            overrideReason = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(String.self, forKey: .overrideReason)
        }
    }

    struct Started: Content {
        let allowed: Bool
        let overrideId: String?
        let verdict: ContactVerdict

        enum CodingKeys: String, CodingKey {
            case allowed, overrideId = "override_id", verdict
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(allowed, forKey: .allowed)
            try container.encode(overrideId, forKey: .overrideId)
            try container.encode(verdict, forKey: .verdict)
        }
    }

    struct AttemptRecorded: Content {
        let id: String
        let recorded: Bool
        let verdict: ContactVerdict
        /// Set when the attempt was stored as a breach: the rule, in words too.
        let breach: BreachJSON?
        let overrideId: String?
        /// What the outcome changed (`config/outcomes.yaml`); empty when it changes nothing or
        /// the attempt was seen before.
        let consequences: [ConsequenceJSON]

        enum CodingKeys: String, CodingKey {
            case id, recorded, verdict, breach, overrideId = "override_id", consequences
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(recorded, forKey: .recorded)
            try container.encode(verdict, forKey: .verdict)
            try container.encode(breach, forKey: .breach)
            try container.encode(overrideId, forKey: .overrideId)
            try container.encode(consequences, forKey: .consequences)
        }
    }

    /// One consequence of an outcome: `{"kind": "flag", "id": "FLAG-...", "detail": "dispute"}`.
    struct ConsequenceJSON: Content {
        let kind: String
        let id: String?
        let detail: String

        init(_ consequence: ContactOutcomes.Consequence) {
            kind = consequence.kind; id = consequence.id; detail = consequence.detail
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encode(id, forKey: .id)
            try container.encode(detail, forKey: .detail)
        }
    }

    /// A breach as the collector is told of it: `{"rule", "rule_description", "reason", "message"}`.
    struct BreachJSON: Content {
        let rule: String
        let ruleDescription: String
        let reason: String
        let message: String

        enum CodingKeys: String, CodingKey {
            case rule, ruleDescription = "rule_description", reason, message
        }

        init(rule: String, reason: String?, pack: PolicyPack) {
            self.rule = rule
            ruleDescription = pack.rule(rule)?.description ?? rule
            self.reason = reason ?? ""
            message = "Recorded as a breach of the policy pack: \(ruleDescription)" + (self.reason.isEmpty || self.reason == ruleDescription ? "" : " (\(self.reason))")
        }
    }

    struct BreachesListed: Content {
        let items: [ExceptionJSON]
    }

    /// One line of `GET /api/v1/compliance/breaches`, with the columns of `arrears report breaches`.
    struct ExceptionJSON: Content {
        let occurredAt: String
        let localTime: String
        let customerId: String
        let channel: String
        let rule: String
        let actor: String
        let kind: String
        let reason: String

        enum CodingKeys: String, CodingKey {
            case occurredAt = "occurred_at", localTime = "local_time", customerId = "customer_id", channel, rule, actor, kind, reason
        }

        init(_ line: ContactExceptions.Line) {
            occurredAt = line.occurredAt; localTime = line.localTime; customerId = line.customerId; channel = line.channel
            rule = line.rule; actor = line.actor; kind = line.kind.rawValue; reason = line.reason
        }
    }

    /// Who reads the list of breaches and overrides.
    static let exceptionReaders: Set<Role> = [.supervisor, .compliance, .admin]
    /// The longest period the list covers at once.
    static let maximumExceptionDays = 366

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
        api.post("start-contact", use: start)
        api.post("contact-attempts", use: recordAttempt)
        api.post("customers", ":id", "flags", use: addFlag)
        routes.grouped("api", "v1", "compliance").api(Self.exceptionReaders).get("breaches", use: breaches)
        routes.grouped("api", "v1").api(Self.taskReaders).get("outcome-tasks", use: outcomeTasks)
    }

    /// Who reads the queues of tasks that outcomes open (a dispute's review, an income-and-expenditure
    /// assessment, an estate review).
    static let taskReaders: Set<Role> = [.supervisor, .compliance, .legal, .admin]

    struct OutcomeTasksListed: Content {
        let items: [OutcomeTaskJSON]
    }

    /// One open task: `{"id", "customer_id", "attempt_id", "queue", "kind", "title", "opened_at", "opened_by"}`.
    struct OutcomeTaskJSON: Content {
        let id: String
        let customerId: String
        let attemptId: String
        let queue: String
        let kind: String
        let title: String
        let openedAt: String
        let openedBy: String

        enum CodingKeys: String, CodingKey {
            case id, customerId = "customer_id", attemptId = "attempt_id", queue, kind, title, openedAt = "opened_at", openedBy = "opened_by"
        }

        init(_ task: OutcomeTasks.Task) {
            id = task.id; customerId = task.customerId; attemptId = task.attemptId; queue = task.queue; kind = task.kind; title = task.title
            openedAt = task.openedAt; openedBy = task.openedBy
        }
    }

    /// `GET /api/v1/outcome-tasks?queue=compliance`: the open tasks of a queue (of all without `queue`), oldest first.
    func outcomeTasks(req: Request) async throws -> OutcomeTasksListed {
        let queue = try RequestField.text(req.query[String.self, at: "queue"], "queue")
        let tasks = try await OutcomeTasks.open(queue: queue, on: req.context.store.sql)
        return OutcomeTasksListed(items: tasks.map(OutcomeTaskJSON.init))
    }

    func check(req: Request) async throws -> ContactVerdict {
        let body = try RequestBody.decode(CheckRequest.self, from: req)
        let user = try req.signedInUser()
        let policy = try policy(req)
        let channel = try Self.channel(body.channel)
        try await requireInScope(body.customerId, user: user, req: req)
        let request = try body.contactRequest(on: channel, req)
        return ContactVerdict(try await ContactCheck.check(customerId: body.customerId, request, settings: policy, on: req.context.store.sql))
    }

    func start(req: Request) async throws -> Response {
        let start = try RequestBody.decode(StartRequest.self, from: req)
        let body = start.contact
        let user = try req.signedInUser()
        let policy = try policy(req)
        let request = try body.contactRequest(on: try Self.channel(body.channel), req)
        let started = try await Self.starting {
            try await req.context.store.transaction { database in
                try await Self.requireInScope(body.customerId, user: user, on: database)
                return try await ContactStart.start(customerId: body.customerId, request, overrideReason: start.overrideReason, settings: policy,
                                                    by: user.auditActor, at: req.context.now(), on: database)
            }
        }
        let response = Response(status: started.overrideId == nil ? .ok : .created)
        try response.content.encode(Started(allowed: true, overrideId: started.overrideId, verdict: ContactVerdict(started.verdict)))
        return response
    }

    /// `ContactStartError` as the API's errors: 409 `blocked_by_policy`, 422 naming `override_reason`.
    static func starting<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ContactStartError {
            switch error {
            case .blocked(let verdict, _):
                throw APIError.blockedByPolicy(rule: verdict.rule ?? PolicyPack.unevaluable, message: error.description,
                                               nextAllowedAt: verdict.nextAllowedAt.map(ContactRecords.timestamp))
            case .invalidReason(let message):
                throw APIError.invalidField("override_reason", message)
            }
        }
    }

    func breaches(req: Request) async throws -> BreachesListed {
        guard let from = try RequestField.queryDate(req, "from") else { throw APIError.badRequest("missing_parameter", "from is required (YYYY-MM-DD)", field: "from") }
        guard let to = try RequestField.queryDate(req, "to") else { throw APIError.badRequest("missing_parameter", "to is required (YYYY-MM-DD)", field: "to") }
        guard from <= to else { throw APIError.badRequest("invalid_parameter", "to \(to) is before from \(from)", field: "to") }
        guard to.daysSinceEpoch - from.daysSinceEpoch < Self.maximumExceptionDays else {
            throw APIError.badRequest("invalid_parameter", "the period is at most \(Self.maximumExceptionDays) days", field: "to")
        }
        let lines = try await ContactExceptions.list(from: from, to: to, on: req.context.store.sql)
        return BreachesListed(items: lines.map(ExceptionJSON.init))
    }

    /// The instant of `at`, or the server's now when absent.
    static func instant(_ text: String?, _ req: Request) throws -> Date {
        guard let text else { return req.context.now() }
        return try RequestField.instant(text, "at")
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
                                                at: try Self.instant(body.at, req), outcome: outcome, note: try RequestField.text(body.note, "note"))
        let details = try body.details()
        // The scope is checked in the transaction, on the writing connection, whose pages are
        // fresh: a read of its own first would start on a connection that has to read its
        // pages again after the last write.
        let logged = try await req.context.store.transaction { database in
            try await Self.requireInScope(attempt.customerId, user: user, on: database)
            let logged = try await Self.mapping {
                try await ContactOutcomes.log(attempt, details: details, settings: policy, by: user.auditActor, at: req.context.now(), on: database)
            }
            if logged.recorded != nil { try await RatingLink.invite(attempt, context: req.context, on: database) }
            return logged
        }
        let recorded = logged.recorded
        let response = Response(status: recorded != nil ? .created : .ok)
        let breach = recorded?.breachedRule.map { BreachJSON(rule: $0, reason: recorded?.breachReason, pack: policy.pack) }
        try response.content.encode(AttemptRecorded(id: id, recorded: recorded != nil, verdict: ContactVerdict(logged.verdict), breach: breach,
                                                    overrideId: recorded?.overrideId, consequences: logged.consequences.map(ConsequenceJSON.init)))
        return response
    }

    func addFlag(req: Request) async throws -> Response {
        let body = try RequestBody.decode(FlagRequest.self, from: req)
        let id = try await Self.addFlag(body, customerId: req.parameters.get("id") ?? "", user: try req.signedInUser(), req: req)
        let response = Response(status: .created)
        try response.content.encode(FlagRecorded(id: id))
        return response
    }

    /// Records the flag of `body` on a customer within the user's work; returns its id. The
    /// compliance console's flag form (`FlagsPageController`) calls it too.
    static func addFlag(_ body: FlagRequest, customerId: String, user: SignedInUser, req: Request) async throws -> String {
        guard let kind = CustomerFlag.Kind(rawValue: body.flag) else {
            throw APIError.invalidField("flag", "flag must be one of \(CustomerFlag.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let channel = try body.channel.map(Self.channel)
        let flag = CustomerFlag(kind: kind, channel: channel, from: try RequestField.optionalDate(body.from, "from"), until: try RequestField.optionalDate(body.until, "until"),
                                value: try RequestField.text(body.value, "value"))
        try await Self.requireInScope(customerId, user: user, on: req.context.store.sql)
        let note = try RequestField.text(body.note, "note")
        return try await req.context.store.transaction { database in
            try await Self.mapping { try await ContactRecords.addFlag(flag, customerId: customerId, note: note, by: user.auditActor, on: database) }
        }
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

    /// Contact-record and outcome errors as 422 naming the field.
    static func mapping<T>(_ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch let error as ContactRecordError {
            throw APIError.invalidField(error.field, error.description)
        } catch let error as OutcomeError {
            throw APIError.invalidField(error.field, error.description)
        }
    }
}

extension ContactVerdict: Content {}
