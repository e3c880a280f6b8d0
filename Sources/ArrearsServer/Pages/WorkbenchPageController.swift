import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Vapor

/// The collector's pages: `/work` (my queue), `/work/cases/:id` (the case page with whether and
/// how the customer may be contacted now, a form to log a contact attempt and one to take a
/// promise), `/work/cases/:id/next` (the next case in my queue). Forms post with CSRF; an attempt
/// goes through the same policy check and outcome consequences (`ContactOutcomes.log`) as the API, and one the pack
/// forbade is stored as a breach and shown at once as a warning naming the rule in words
/// (`?logged=<attempt id>` on the case page after the form). Collectors
/// and field agents see only their own cases (404 otherwise); supervisors see all. A collector
/// who opens a case outside their queue is shown, with the 404, a form to open it for an inbound
/// call with a reason (`/work/cases/:id/access`, `InboundAccess`). The roles who review cases
/// without working them (legal, compliance, admin: `caseReaders`) may read a case page, which
/// shows them no queue links and no forms; everything else here is for those who work cases.
struct WorkbenchPageController: RouteCollection {
    static let roles: Set<Role> = [.collector, .fieldAgent, .supervisor]
    /// Who may read a case page: the readers of the case file in the API.
    static let caseReaders: Set<Role> = CasesController.readers

    func boot(routes: any RoutesBuilder) throws {
        let reading = routes.grouped("work")
        let work = reading.grouped(PageAccessGuard(roles: Self.roles))
        work.get(use: queue)
        reading.get("cases", ":id", use: casePage)
        work.get("cases", ":id", "next", use: next)
        work.post("cases", ":id", "attempts", use: logAttempt)
        work.post("cases", ":id", "promises", use: takePromise)
        work.post("cases", ":id", "access", use: grantAccess)
    }

    func queue(req: Request) async throws -> View {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let policy = req.context.policy
        let cache = req.context.queueCache
        let tasks = try await req.context.store.reading { database in
            if let cache { return try await cache.firstPage(agentId: user.agentId ?? "", limit: 100, on: database) }
            return try await WorkQueue.page(agentId: user.agentId ?? "", after: nil, limit: 100, policy: policy, on: database)
        }
        let lines = tasks.map {
            WorkbenchViews.TaskLine(caseId: $0.caseId, customerName: $0.customerName, channel: $0.channel, dpd: $0.dpd,
                                    overdue: AmountDisplay.grouped($0.overdueMinor, currency: $0.currency) + " " + $0.currency, allowed: $0.contactNow?.allowed)
        }
        return WorkbenchViews.queue(lines, words: .init(table: WorkbenchWords.table(localizer)), language: localizer.language.rawValue,
                                    csrfToken: req.csrfToken(), role: user.role).view
    }

    func casePage(req: Request) async throws -> Response {
        do {
            return try await render(req, error: nil, logged: req.query[String.self, at: "logged"]).encodeResponse(for: req)
        } catch let abort as Abort where abort.status == .notFound {
            guard try InboundAccessController.takers.contains(req.signedInUser().role) else { throw abort }
            return try await accessForm(req, error: nil, status: .notFound)
        }
    }

    /// The inbound-call form for the case in the path, answered with `status`.
    private func accessForm(_ req: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let localizer = Localizer(request: req)
        let response = try await WorkbenchViews.accessForm(caseId: try caseId(req), error: error, words: .init(table: WorkbenchWords.table(localizer)),
                                                           language: localizer.language.rawValue, csrfToken: req.csrfToken(),
                                                           role: try req.signedInUser().role).view.encodeResponse(for: req)
        response.status = status
        return response
    }

    struct AccessForm: Decodable {
        let reason: String?
    }

    /// Opens the case's customer to the collector for `InboundAccess.duration`, for the reason
    /// given (the form again, 422, without one); then the case page.
    func grantAccess(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        guard InboundAccessController.takers.contains(user.role) else { throw Abort(.forbidden) }
        let id = try caseId(req)
        let reason: String
        do {
            reason = try InboundAccessController.reason(try req.content.decode(AccessForm.self).reason)
        } catch let error as APIError {
            return try await accessForm(req, error: error.message, status: .unprocessableEntity)
        }
        let store = req.context.store
        guard let customerId = try await InboundAccess.customer(ofCase: id, on: store.sql),
              try await InboundAccess.grant(customerId: customerId, userId: user.id, reason: reason, by: user.auditActor, store: store) != nil
        else { throw Abort(.notFound) }
        return req.redirect(to: "/work/cases/\(id)")
    }

    /// The case page, with `error` from the contact or promise forms and `arrangementError` from
    /// the arrangement section's (`ArrangementPageController`); `logged` is the attempt the
    /// contact form just recorded, whose breach, if it was one, the page warns of.
    func render(_ req: Request, error: String?, arrangementError: String? = nil, logged: String? = nil) async throws -> View {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let store = req.context.store
        let words = WorkbenchWords.table(localizer)
        let (id, policy) = (try caseId(req), req.context.policy)
        let loaded = try await store.reading { database -> (CaseFile, ArrangementSection, [OutcomeTasks.Task])? in
            guard let file = try await CaseFile.load(caseId: id, scope: user.workScope, now: req.context.now(), policy: policy, on: database) else { return nil }
            return (file, try await ArrangementSection.load(file, error: arrangementError, words: words, on: database),
                    try await OutcomeTasks.open(queue: nil, customerId: file.customer.id, on: database))
        }
        guard let (file, arrangement, followUps) = loaded else { throw Abort(.notFound) }
        let json = CaseFileJSON(file, customer: try .init(masking: file.customer, store: store))
        let ruleWords = { (rule: String) in PolicyWords.rule(rule, pack: policy?.pack, words: words) }
        let breach = logged.flatMap { id in file.attempts.first { $0.id == id } }.flatMap(\.breachedRule).map(ruleWords)
        // The pack judges in the customer's time: the page says what time it is there.
        let customerTime = TimeZone(identifier: file.customer.timeZone).map { zone in
            let moment = LocalMoment(req.context.now(), in: zone)
            let (hour, minute) = (moment.minuteOfDay / 60, moment.minuteOfDay % 60)
            return "\(moment.date) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute) (\(file.customer.timeZone))"
        }
        let extras = WorkbenchViews.CaseExtras(
            overdue: AmountDisplay.grouped(file.summary.overdueMinor, currency: file.summary.currency) + " " + file.summary.currency,
            owesNothing: file.accounts.contains { $0.position != nil }
                ? file.accounts.allSatisfy { ($0.position?.overdueMinor ?? 0) <= 0 } : file.summary.overdueMinor <= 0,
            error: error, breach: breach, customerTime: customerTime, ruleWords: ruleWords, outcomes: ContactAttempt.Outcome.allCases.map(\.rawValue),
            today: LocalMoment(req.context.now(), offset: 0).date.description, arrangement: arrangement, followUps: followUps)
        return WorkbenchViews.casePage(json, extras, words: .init(table: words), language: localizer.language.rawValue, csrfToken: req.csrfToken(),
                                       role: user.role).view
    }

    func next(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let id = try caseId(req)
        guard let next = try await WorkQueue.nextCase(after: id, agentId: user.agentId ?? "", on: req.context.store.sql) else {
            return req.redirect(to: "/work")
        }
        return req.redirect(to: "/work/cases/\(next)")
    }

    struct AttemptForm: Decodable {
        let channel: String
        let outcome: String
        let note: String?
        /// `YYYY-MM-DDTHH:MM` in the customer's local time, as the customer said it.
        let callbackAt: String?
        let acceptedChannels: [String]?

        enum CodingKeys: String, CodingKey {
            case channel, outcome, note, callbackAt = "callback_at", acceptedChannels = "accepted_channels"
        }
    }

    /// Logs the attempt through `ContactOutcomes` (its outcome's consequences included); what the
    /// outcome needs but was not given shows the page again with the error, 422.
    func logAttempt(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let id = try caseId(req)
        guard let file = try await CaseFile.load(caseId: id, scope: user.workScope, policy: nil, on: req.context.store.sql) else { throw Abort(.notFound) }
        let form = try req.content.decode(AttemptForm.self)
        guard let policy = req.context.policy else { throw Abort(.serviceUnavailable) }
        guard let channel = ContactChannel(rawValue: form.channel), let point = channel.defaultContactPoint,
              let outcome = ContactAttempt.Outcome(rawValue: form.outcome) else { throw Abort(.unprocessableEntity) }
        let note = form.note.map { String($0.prefix(RequestField.maximumTextLength)) }.flatMap { $0.isEmpty ? nil : $0 }
        let now = req.context.now()
        let attempt = ContactRecords.NewAttempt(id: "ATT-" + UUID().uuidString.lowercased(), customerId: file.customer.id, channel: channel,
                                                contactPoint: point, at: now, outcome: outcome, note: note)
        do {
            let details = try Self.details(form, outcome: outcome, timeZone: file.customer.timeZone, policy: policy)
            try await req.context.store.transaction { database in
                if try await ContactOutcomes.log(attempt, details: details, settings: policy, by: user.auditActor, at: now, on: database).recorded != nil {
                    try await RatingLink.invite(attempt, context: req.context, on: database)
                }
            }
        } catch let error as OutcomeError {
            return try await failed(req, error.description)
        } catch let error as ContactRecordError {
            return try await failed(req, error.description)
        }
        return req.redirect(to: "/work/cases/\(id)?logged=\(attempt.id)")
    }

    /// The case page again with `message`, 422.
    private func failed(_ req: Request, _ message: String) async throws -> Response {
        let response = try await render(req, error: message).encodeResponse(for: req)
        response.status = .unprocessableEntity
        return response
    }

    /// The form's callback time, read in the customer's zone, and the channels ticked: for an
    /// outcome that is itself the request (`cease_request`), none ticked means none accepted; for
    /// a refusal, none ticked means none were stated.
    static func details(_ form: AttemptForm, outcome: ContactAttempt.Outcome, timeZone: String, policy: PolicySettings) throws -> OutcomeRules.Details {
        var callbackAt: Date?
        if let text = form.callbackAt?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            let parts = text.split(separator: "T")
            guard parts.count == 2, let date = LocalDate(iso: String(parts[0])), let minute = ClockWindow.minutes(String(parts[1].prefix(5))), minute < 1440,
                  let zone = TimeZones.shared.zone(timeZone) else {
                throw OutcomeError.invalid(field: "callback_at", message: "give the callback's date and time, YYYY-MM-DDTHH:MM")
            }
            callbackAt = LocalMoment.instant(date, minute: minute, in: zone)
        }
        let ticked = Set((form.acceptedChannels ?? []).compactMap(ContactChannel.init(rawValue:)))
        let need = policy.outcomes.consequences(of: outcome).contactRequest
        let accepted: Set<ContactChannel>? = need == .required ? ticked : (need != nil && !ticked.isEmpty ? ticked : nil)
        return OutcomeRules.Details(callbackAt: callbackAt, acceptedChannels: accepted)
    }

    struct PromiseForm: Decodable {
        let amount: String
        let currency: String
        let dueOn: String

        enum CodingKeys: String, CodingKey {
            case amount, currency, dueOn = "due_on"
        }
    }

    func takePromise(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let id = try caseId(req)
        let form = try req.content.decode(PromiseForm.self)
        do {
            _ = try await PromisesController.take(caseId: id, amount: form.amount, currency: form.currency, dueOn: form.dueOn, user: user, req: req)
        } catch let error as APIError where error.status != .notFound {
            let view = try await render(req, error: error.message)
            let response = try await view.encodeResponse(for: req)
            response.status = error.status == .conflict ? .conflict : .unprocessableEntity
            return response
        }
        return req.redirect(to: "/work/cases/\(id)")
    }

    private func caseId(_ req: Request) throws -> String {
        guard let id = req.parameters.get("id"), !id.isEmpty, id.count <= 128 else { throw Abort(.notFound) }
        return id
    }
}
