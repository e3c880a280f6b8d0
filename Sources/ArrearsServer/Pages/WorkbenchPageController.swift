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
        work.post("cases", ":id", "reveal", use: reveal)
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
        return WorkbenchViews.queue(lines, words: .init(table: localizer.table), language: localizer.language.rawValue,
                                    csrfToken: req.csrfToken(), role: user.role).view
    }

    func casePage(req: Request) async throws -> Response {
        do {
            return try await render(req, logged: req.query[String.self, at: "logged"]).encodeResponse(for: req)
        } catch let abort as Abort where abort.status == .notFound {
            guard try InboundAccessController.takers.contains(req.signedInUser().role) else { throw abort }
            return try await accessForm(req, error: nil, status: .notFound)
        }
    }

    /// The inbound-call form for the case in the path, answered with `status`.
    private func accessForm(_ req: Request, error: String?, status: HTTPStatus) async throws -> Response {
        let localizer = Localizer(request: req)
        let response = try await WorkbenchViews.accessForm(caseId: try caseId(req), error: error, words: .init(table: localizer.table),
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
        return req.redirect(to: "/work/cases/\(id)\(Self.language(req).map { "?lang=\($0)" } ?? "")")
    }

    /// The case page (`CaseView`), with `form` the contact, promise, reveal or arrangement form
    /// refused (what was typed, and the errors beside its fields) and
    /// `arrangementError` from the arrangement section's (`ArrangementPageController`); `logged`
    /// is the attempt the contact form just recorded, whose breach, if it was one, the page warns
    /// of; `revealedMobile` the mobile just revealed, shown this once; `quote` the terms quoted
    /// before proposing them. `?kind=` filters the timeline and `?shown=` pages it.
    func render(_ req: Request, form: PageForm = .none, arrangementError: String? = nil, logged: String? = nil, revealedMobile: String? = nil,
                quote: CaseView.Quote? = nil) async throws -> View {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let store = req.context.store
        let table = localizer.table
        let words = Words(table: table)
        let (id, policy, now) = (try caseId(req), req.context.policy, req.context.now())
        let loaded = try await store.reading { database -> (CaseFile, ArrangementSection, [OutcomeTasks.Task], CaseHistory)? in
            guard let file = try await CaseFile.load(caseId: id, scope: user.workScope, now: now, policy: policy, on: database) else { return nil }
            return (file, try await ArrangementSection.load(file, error: arrangementError, words: table, on: database),
                    try await OutcomeTasks.open(queue: nil, customerId: file.customer.id, on: database),
                    try await CaseHistory.load(caseId: id, customerId: file.customer.id, on: database))
        }
        guard let (file, arrangement, followUps, history) = loaded else { throw Abort(.notFound) }
        let json = CaseFileJSON(file, customer: try .init(masking: file.customer, store: store))
        let ruleWords = { (rule: String) in PolicyWords.rule(rule, pack: policy?.pack, words: table) }
        let breach = logged.flatMap { id in file.attempts.first { $0.id == id } }.flatMap(\.breachedRule).map(ruleWords)
        let viewerZone = req.viewerZone
        // The pack judges in the customer's time: the page says what time it is there.
        let customerZone = TimeZone(identifier: file.customer.timeZone)
        let customerTime = customerZone.map { "\(CaseTimes.local(now, in: $0)) (\(file.customer.timeZone))" }
        let kind = req.query[String.self, at: "kind"].flatMap(CaseTimeline.Kind.init(rawValue:))
        let shown = min(max(req.query[Int.self, at: "shown"] ?? CaseTimeline.pageSize, 1), 1_000)
        let timeline = CaseTimeline(file, history, arrangements: arrangement.items, kind: kind, shown: shown, zone: viewerZone, words: words,
                                    ruleWords: ruleWords)
        let model = CaseView.Model(
            file: file, json: json, header: CaseHeader(file), timeline: timeline, arrangement: arrangement, followUps: followUps,
            talk: Self.talkTracks(file, arrangement, tracks: req.context.talkTracks), form: form, breach: breach, customerTime: customerTime,
            customerZone: customerZone, viewerZone: viewerZone, outcomes: ContactAttempt.Outcome.allCases.map(\.rawValue),
            today: LocalMoment(now, in: viewerZone).date.description,
            owesNothing: file.accounts.contains { $0.position != nil }
                ? file.accounts.allSatisfy { ($0.position?.overdueMinor ?? 0) <= 0 } : file.summary.overdueMinor <= 0,
            revealedMobile: revealedMobile, quote: quote, ruleWords: ruleWords, now: now, language: localizer.language)
        return CaseView.page(model, words: words, language: localizer.language.rawValue, csrfToken: req.csrfToken(), role: user.role).view
    }

    /// The talk track for the case: its segment's tone, then each situation it is in (a hardship
    /// or dispute flag, a broken or pending promise, a plan being kept).
    static func talkTracks(_ file: CaseFile, _ arrangement: ArrangementSection, tracks: TalkTracks) -> [TalkTracks.Track] {
        let flags = Set(file.flags.map(\.flag))
        var situations: [TalkTracks.Situation] = []
        if flags.contains(CustomerFlag.Kind.hardship.rawValue) { situations.append(.hardship) }
        if flags.contains(CustomerFlag.Kind.dispute.rawValue) { situations.append(.dispute) }
        if file.promises.first?.status == "broken" { situations.append(.brokenPromise) }
        if file.promises.contains(where: { $0.status == "pending" }) { situations.append(.pendingPromise) }
        if arrangement.items.contains(where: { $0.statusCode == ArrangementStatus.active.rawValue }) { situations.append(.onPlan) }
        return [tracks.segments[file.summary.segment]].compactMap { $0 } + situations.compactMap { tracks.situations[$0] }
    }

    struct RevealForm: Decodable {
        let reason: String?
        let overrideReason: String?

        enum CodingKeys: String, CodingKey {
            case reason, overrideReason = "override_reason"
        }
    }

    /// "Reveal and call": the collector is about to dial, so the call starts through the policy
    /// pack (`ContactStart`: a call the pack forbids is refused, or goes ahead with an override
    /// reason where the rule allows one), and the mobile is revealed for the reason given,
    /// audited `view_personal_data` as the API's reveal is, in one transaction. The page answers
    /// with the number in full and a `tel:` link, this once: the page reloaded shows it masked
    /// again. A refusal shows the page again naming what is wrong (422, or 409 when the pack
    /// forbids the call).
    func reveal(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let id = try caseId(req)
        let form = try req.content.decode(RevealForm.self)
        guard let policy = req.context.policy else { throw Abort(.serviceUnavailable) }
        guard let customerId = try await CaseFile.load(caseId: id, scope: user.workScope, policy: nil, on: req.context.store.sql)?.customer.id else {
            throw Abort(.notFound)
        }
        let now = req.context.now()
        let mobile: String?
        let typed = ["reason": form.reason ?? "", "override_reason": form.overrideReason ?? ""].mapValues { String($0.prefix(RequestField.maximumTextLength)) }
        let localizer = Localizer(request: req)
        do {
            let (_, reason) = try CustomersController.validated(.init(fields: [RevealableField.mobile.rawValue], reason: form.reason ?? ""))
            let override = form.overrideReason.flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
            mobile = try await req.context.store.transaction { database in
                _ = try await ContactStart.start(customerId: customerId, ContactRequest(channel: .call, at: now), overrideReason: override,
                                                 settings: policy, by: user.auditActor, at: now, on: database)
                return try await CustomersController.reveal([.mobile], of: customerId, reason: reason, user: user, store: req.context.store,
                                                            on: database)[.mobile] ?? nil
            }
        } catch let error as APIError where error.status != .notFound {
            return try await failed(req, PageForm(form: "reveal", values: typed, error: error, fallback: "reason", fields: Array(typed.keys), words: Words(localizer), language: localizer.language),
                                    status: error.status)
        } catch let error as ContactStartError {
            let message: String
            switch error {
            case .blocked(let verdict, _):
                message = PolicyWords.refusal(rule: verdict.rule, reason: verdict.reason, pack: policy.pack, words: localizer.table, language: localizer.language)
            case .invalidReason(let said): message = localizer.language == .en ? said : localizer["cp_err_invalid_field"]
            }
            return try await failed(req, PageForm(form: "reveal", values: typed, field: "override_reason", message: message), status: .conflict)
        }
        let response = try await render(req, revealedMobile: mobile ?? "").encodeResponse(for: req)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    func next(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let id = try caseId(req)
        guard let next = try await WorkQueue.nextCase(after: id, agentId: user.agentId ?? "", on: req.context.store.sql) else {
            return req.redirect(to: "/work")
        }
        // The next case in the language of the one left, when the link said it.
        let language = req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:)).map { "?lang=\($0.rawValue)" } ?? ""
        return req.redirect(to: "/work/cases/\(next)\(language)")
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
            let (missing, message) = switch error {
            case .missing(_, let message): (true, message)
            case .invalid(_, let message): (false, message)
            }
            return try await failed(req, PageForm(form: "attempt", values: Self.typed(form), field: error.field, message: message, missing: missing,
                                                  words: Words(Localizer(request: req)), language: Localizer(request: req).language))
        } catch let error as ContactRecordError {
            let (field, message) = switch error {
            case .invalid(let field, let message): (field, message)
            default: ("outcome", error.description)
            }
            return try await failed(req, PageForm(form: "attempt", values: Self.typed(form), field: field, message: message, missing: false,
                                                  words: Words(Localizer(request: req)), language: Localizer(request: req).language))
        }
        return req.redirect(to: "/work/cases/\(id)?logged=\(attempt.id)\(Self.language(req).map { "&lang=\($0)" } ?? "")")
    }

    /// What the contact form held, to show it again after a refusal.
    static func typed(_ form: AttemptForm) -> [String: String] {
        ["channel": form.channel, "outcome": form.outcome, "note": form.note ?? "", "callback_at": form.callbackAt ?? "",
         "accepted_channels": (form.acceptedChannels ?? []).joined(separator: ",")].mapValues { String($0.prefix(RequestField.maximumTextLength)) }
    }

    /// The case page again with `form` refused, 422 or `status`.
    private func failed(_ req: Request, _ form: PageForm, status: HTTPStatus = .unprocessableEntity) async throws -> Response {
        let response = try await render(req, form: form).encodeResponse(for: req)
        response.status = status
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
            let localizer = Localizer(request: req)
            let typed = ["amount": form.amount, "due_on": form.dueOn].mapValues { String($0.prefix(RequestField.maximumTextLength)) }
            return try await failed(req, PageForm(form: "promise", values: typed, error: error, fallback: "amount", fields: Array(typed.keys), words: Words(localizer), language: localizer.language),
                                    status: error.status == .conflict ? .conflict : .unprocessableEntity)
        }
        return req.redirect(to: "/work/cases/\(id)\(Self.language(req).map { "?lang=\($0)" } ?? "")")
    }

    /// The language the form's action named (`?lang=`), so that the page after a post keeps it.
    private static func language(_ req: Request) -> String? {
        req.query[String.self, at: "lang"].flatMap(Language.init(rawValue:))?.rawValue
    }

    private func caseId(_ req: Request) throws -> String {
        guard let id = req.parameters.get("id"), !id.isEmpty, id.count <= 128 else { throw Abort(.notFound) }
        return id
    }
}
