import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Field visits (seeds 000 and 002): a supervisor dispatches one to a field team for a window
/// the customer is told of in advance, the customer confirms, the team reports.
///
/// - Dispatch goes only to a field team or agent that covers the customer's region
///   (`VisitTeams`), and only on a case without an open visit (`VisitError.alreadyOpen`; the
///   partial unique index `visits_one_open_per_case` holds it under concurrent dispatches too).
///   It records the agreed time as an appointment (`ContactRecords.addAppointment`, which
///   the `cn.field-visits` rule reads) and queues an SMS in the customer's language naming the
///   window in the customer's own time, in one transaction, audited `visit_dispatched`. The
///   window must start at least `noticeHours` after dispatch, so the notice is in advance.
/// - A visit not yet reported can be cancelled (`cancel`, `VisitCancellation.swift`): the
///   appointment is voided and the customer told, audited `visit_cancelled`.
/// - A report records the contact attempt (`visit_met`, or `visit_not_home` when nobody was
///   met), a promise when one was given (`PromiseBook`) and a follow-up task: an `actions` row
///   `VISIT:<visit id>` dated today and assigned to the team, so it is an open task on the case
///   page at once; the next daily run's action for the case replaces it. Audited `visit_reported`.
public struct VisitBook: Sendable {
    public var noticeHours = 24
    /// The longest window a team may ask the customer to keep free.
    public var maximumWindowHours = 12
    public let store: Store
    public let places: VisitPlaces

    public init(store: Store, places: VisitPlaces) {
        self.store = store
        self.places = places
    }

    public struct Dispatch: Sendable {
        public let caseId: String
        public let agentId: String
        public let startsAt: Date
        public let endsAt: Date
        public let location: GeoPoint?

        public init(caseId: String, agentId: String, startsAt: Date, endsAt: Date, location: GeoPoint?) {
            self.caseId = caseId
            self.agentId = agentId
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.location = location
        }
    }

    /// The visit's rules (`VisitWorkflow`) on the store's database.
    public var workflow: VisitWorkflow {
        var workflow = VisitWorkflow(records: SQLVisitRecords(store: store), places: places)
        workflow.noticeHours = noticeHours
        workflow.maximumWindowHours = maximumWindowHours
        return workflow
    }

    /// Dispatches a visit on an open case without an open visit to one of `teams` that covers the
    /// customer's region (`VisitWorkflow.dispatch`); throws `WorkbenchError` naming the field, or
    /// `VisitError.alreadyOpen`. Without coordinates the visit is placed at its customer's region
    /// centroid, if known.
    public func dispatch(_ request: Dispatch, teams: VisitTeams, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        try await workflow.dispatch(request, teams: teams, by: actor, now: now)
    }

    /// The visit, if it exists and, when `agentId` is given, is that team's.
    public func find(_ id: String, agentId: String?) async throws -> StoredVisit? {
        try await SQLVisitRecords(store: store).find(id, agentId: agentId)
    }

    /// Records that the customer agreed to the window. Only a dispatched visit can be confirmed.
    public func confirm(_ id: String, agentId: String?, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        guard let visit = try await find(id, agentId: agentId) else { throw WorkbenchError.notFound(field: "id", id: id) }
        guard visit.status == .dispatched else { throw WorkbenchError.wrongStatus(field: "status", message: "the visit is \(visit.status.rawValue), not dispatched") }
        try await store.transaction { database in
            let confirmed = try await database.raw("""
                UPDATE visits SET status = 'confirmed', confirmed_at = \(bind: ContactRecords.timestamp(now)) WHERE id = \(bind: id) AND status = 'dispatched'
                RETURNING id
                """).all()
            guard !confirmed.isEmpty else { throw WorkbenchError.wrongStatus(field: "status", message: "the visit was confirmed, reported or cancelled meanwhile") }
            try await AuditLog.append([AuditEvent(actor: actor, action: "visit_confirmed", subject: visit.customerId, details: ["visit_id": id])],
                                      at: now, on: database)
        }
        return try await find(id, agentId: nil)!
    }

    /// Records the team's report on its own visit (`agentId`: another team's is not found): the
    /// report, the promise when given (by `PromiseBook`'s rules, whose refusals name the field),
    /// the plan request when the customer asked for one (`Arrangements.propose` under `limits`,
    /// as a field agent, whose role approves nothing: it waits for a supervisor), the attempt and
    /// the follow-up task, all in one transaction. A visit reported already, also by the same
    /// report sent twice at once, is `wrongStatus`, and nothing more is stored.
    ///
    /// Refused before anything is stored (issue 24): without identification shown or two
    /// collectors present (`invalid`, naming `identification_shown` or `two_collectors_present`);
    /// before the visit's window starts (`VisitError.beforeWindow`); and, with a `policy`, outside
    /// the pack's contact hours in the customer's time zone (its quiet-hours and preferred-hours
    /// rules, checked by `ContactStart` as a contact about to start: `ContactStartError.blocked`),
    /// unless the rule allows an override and the report gives its reason, which is then stored
    /// in `contact_overrides`, audited, and covers the visit's attempt. Other rules the visit broke
    /// are recorded as breaches with the attempt, as every contact recorded after the fact.
    public func report(_ id: String, _ report: VisitReport, agentId: String, policy: PolicySettings?, limits: AuthorityLimits, by actor: String,
                       now: Date = Date()) async throws -> StoredVisit {
        let visit = try await workflow.reportable(id, report, agentId: agentId, now: now)
        let files = try Self.checkedPhotos(report.photoFiles, adding: 0)
        let today = LocalMoment(now, offset: 0).date
        let attempt = ContactRecords.NewAttempt(id: "ATT-" + id, customerId: visit.customerId, channel: .visit, contactPoint: ContactPoint.address,
                                                at: now, outcome: report.met == .nobody ? .visitNotHome : .visitMet, note: report.note)
        let followUp = "VISIT:" + id
        try await store.transaction { [store] database in
            // The visit is claimed first: the same report sent twice, or at once, finds it
            // reported (on PostgreSQL after waiting for the first to commit) and stores nothing.
            let claimed = try await database.raw("""
                UPDATE visits SET status = \(bind: report.met == .nobody ? StoredVisit.Status.notMet.rawValue : StoredVisit.Status.done.rawValue),
                    reported_at = \(bind: ContactRecords.timestamp(now)), met = \(bind: report.met.rawValue), situation = \(bind: report.situation),
                    difficulty = \(bind: report.difficulty), plan_requested = \(bind: report.planRequested),
                    note = \(bind: report.note), photos = \(bind: report.photos.isEmpty ? nil : report.photos.joined(separator: "\n")),
                    attempt_id = \(bind: attempt.id), follow_up_action_id = \(bind: followUp)
                WHERE id = \(bind: id) AND status IN ('dispatched', 'confirmed') RETURNING id
                """).all()
            guard !claimed.isEmpty else { throw WorkbenchError.wrongStatus(field: "status", message: "the visit was reported or cancelled meanwhile") }
            // A promise given at the door is kept by `PromiseBook`'s rules, whose refusals name
            // the field; refused, nothing of the report is stored.
            var promiseId: String?
            if let given = report.promise {
                let promise = try await PromiseBook().take(.init(caseId: visit.caseId, amountMinor: given.amountMinor, currency: given.currency, dueOn: given.dueOn),
                                                           today: today, scope: .all, by: actor, store: store, on: database)
                try await database.raw("UPDATE visits SET promise_id = \(bind: promise.id) WHERE id = \(bind: id)").run()
                promiseId = promise.id
            }
            var verdict: PolicyDecision?
            if let policy {
                let contact = ContactRequest(channel: .visit, at: now, contactPoint: ContactPoint.address, visitors: report.visitors,
                                             identificationShown: report.identificationShown)
                _ = try await ContactStart.start(customerId: visit.customerId, contact, overrideReason: report.overrideReason,
                                                 settings: Self.contactHours(of: policy), by: actor, at: now, on: database)
                verdict = try await ContactCheck.check(customerId: visit.customerId, contact, settings: policy, on: database)
            }
            try await ContactRecords.recordAttempt(attempt, breach: verdict, by: actor, at: now, on: database)
            var planId: String?
            if let plan = report.plan {
                planId = try await Self.requestPlan(plan, visit: visit, limits: limits, by: actor, today: today, on: database)
            }
            if let planId {
                try await database.raw("UPDATE visits SET plan_arrangement_id = \(bind: planId) WHERE id = \(bind: id)").run()
            }
            // Nobody at home: the team goes again; otherwise it calls to see the promise or plan kept.
            let channel = report.met == .nobody ? "visit" : "call"
            let reason = "follow-up of visit \(id): met \(report.met.rawValue)" + (report.planRequested ? ", plan requested" : "")
            try await database.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                SELECT \(bind: followUp), c.id, c.customer_id, \(bind: today.description), c.segment, c.bucket, c.dpd, 'visit_follow_up', \(bind: channel),
                       c.cell, 'created', \(bind: reason), COALESCE((SELECT MAX(a.priority) FROM actions a WHERE a.case_id = c.id), 0), \(bind: agentId)
                FROM cases c WHERE c.id = \(bind: visit.caseId)
                """).run()
            var details = ["visit_id": id, "met": report.met.rawValue, "attempt_id": attempt.id, "follow_up_action_id": followUp]
            details["promise_id"] = promiseId
            details["plan_arrangement_id"] = planId
            try await AuditLog.append([AuditEvent(actor: actor, action: "visit_reported", subject: visit.customerId, details: details)], at: now, on: database)
            try await Self.storePhotos(files, of: id, customerId: visit.customerId, store: store, by: actor, at: now, on: database)
        }
        return try await find(id, agentId: nil)!
    }

    /// The pack's rules on the hours a visit may be made in (quiet hours, the customer's chosen
    /// hours): the ones a report is held to as a contact starting now.
    static func contactHours(of policy: PolicySettings) -> PolicySettings {
        let rules = policy.pack.rules.filter { rule in
            switch rule.kind {
            case .quietHours, .preferredHours: true
            default: false
            }
        }
        return PolicySettings(pack: PolicyPack(id: policy.pack.id, name: policy.pack.name, rules: rules, holidays: policy.pack.holidays),
                              dailyRunContactMinute: policy.dailyRunContactMinute)
    }

    /// Proposes the plan the customer asked for on the customer's most overdue account without an
    /// open arrangement, as the self-service page does; its id, or nil when there is none (nothing
    /// overdue, or a request is waiting or a plan running on each). Refusals of the terms name
    /// `plan_instalments` or `plan_first_date`.
    static func requestPlan(_ plan: VisitReport.PlanRequest, visit: StoredVisit, limits: AuthorityLimits, by actor: String, today: LocalDate,
                            on database: any SQLDatabase) async throws -> String? {
        guard let account = try await database.raw("""
            SELECT a.id FROM accounts a JOIN account_positions p ON p.account_id = a.id
            WHERE a.customer_id = \(bind: visit.customerId) AND p.overdue_minor > 0
                AND NOT EXISTS (SELECT 1 FROM arrangements r WHERE r.account_id = a.id AND r.status IN ('proposed', 'approved', 'active'))
            ORDER BY p.dpd DESC, p.overdue_minor DESC, a.id LIMIT 1
            """).first()?.decode(column: "id", as: String.self) else { return nil }
        let requester = Arrangements.Actor(name: actor, role: .fieldAgent, scope: .all)
        do {
            return try await Arrangements.propose(accountId: account, terms: .instalmentPlan(count: plan.instalments, firstDate: plan.firstDate),
                                                  reason: "asked for by the customer at field visit \(visit.id)", by: requester, today: today,
                                                  limits: limits, on: database).id
        } catch let error as ArrangementError {
            let field = ["count": "plan_instalments", "first_date": "plan_first_date"][error.field] ?? "plan_requested"
            throw WorkbenchError.invalid(field: field, message: error.description)
        }
    }

    /// Why a visit in `status` can be neither reported nor cancelled.
    static func notOpen(_ status: StoredVisit.Status) -> WorkbenchError {
        .wrongStatus(field: "status", message: status == .cancelled ? "the visit was cancelled" : "the visit was already reported")
    }

    /// The visits whose window starts on `date` (UTC), of one team (`agentId`) or of all, each
    /// team's in route order from its start point (`VisitRoute`), teams in name order. Cancelled
    /// visits are no stops: left out, or with `includingCancelled` after their team's route in
    /// the order of their windows (a supervisor sees what was called off).
    ///
    /// With `zone`, `date` is a date there (a field agent's today in the bank's zone): the visits
    /// whose window starts on it in that zone, whatever their UTC date.
    public func day(_ date: LocalDate, agentId: String?, includingCancelled: Bool = false, in zone: TimeZone? = nil) async throws -> [StoredVisit] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredVisit.columns) \(unsafeRaw: StoredVisit.from) WHERE "
        if zone == nil {
            query.appendLiteral("v.visit_date = ")
            query.appendInterpolation(bind: date.description)
        } else {
            // A local date lies within a day of its UTC dates.
            query.appendLiteral("v.visit_date >= ")
            query.appendInterpolation(bind: date.adding(days: -1).description)
            query.appendLiteral(" AND v.visit_date <= ")
            query.appendInterpolation(bind: date.adding(days: 1).description)
        }
        if let agentId {
            query.appendLiteral(" AND v.agent_id = ")
            query.appendInterpolation(bind: agentId)
        }
        if !includingCancelled {
            query.appendLiteral(" AND v.status <> ")
            query.appendInterpolation(bind: StoredVisit.Status.cancelled.rawValue)
        }
        query.appendLiteral(" ORDER BY v.agent_id, v.starts_at, v.id")
        var visits = try await store.sql.raw(query).all().map { try StoredVisit($0, store: store) }
        if let zone {
            visits = visits.filter { visit in UTCTimestamp.instant(visit.startsAt).map { LocalMoment($0, in: zone).date == date } ?? false }
        }
        let teams = Dictionary(grouping: visits, by: \.agentId)
        return teams.keys.sorted().flatMap { team in
            let stops = teams[team]!.filter { $0.status != .cancelled }
            return VisitRoute.order(stops, from: places.startPoints[team], location: \.location) + teams[team]!.filter { $0.status == .cancelled }
        }
    }
}
