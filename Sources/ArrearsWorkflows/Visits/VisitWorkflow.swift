import ArrearsCore
import ArrearsStore
import Foundation

/// The rules of a field visit's dispatch, and those a report is held to before anything of it
/// is stored, over `VisitRecords`: `VisitBook` runs them on the database, a test on rows kept in
/// memory.
///
/// - A dispatch's window ends after it starts, lasts at most `maximumWindowHours` and starts at
///   least `noticeHours` after the dispatch, so the customer is told in advance.
/// - It goes only to a team or agent that covers the customer's region (`VisitTeams`), on an open
///   case whose customer has a mobile number for the notice, without an open visit
///   (`VisitError.alreadyOpen`).
/// - It records the window as an appointment, queues the notice in the customer's language and
///   time zone, stores the visit and audits `visit_dispatched`, in one transaction.
/// - Only a dispatched visit can be confirmed (`confirm`), audited `visit_confirmed`.
/// - A report (`report`) records the contact attempt (`visit_met`, or `visit_not_home` when nobody
///   was met), a promise when one was given (`PromiseBook`) and a follow-up task: an `actions` row
///   `VISIT:<visit id>` dated today and assigned to the team, so it is an open task on the case
///   page at once; the next daily run's action for the case replaces it. Audited `visit_reported`.
/// - A visit not yet reported can be cancelled (`cancel`, `VisitCancellation.swift`).
public struct VisitWorkflow: Sendable {
    public let records: any VisitRecords
    public let places: VisitPlaces
    public var noticeHours = 24
    /// The longest window a team may ask the customer to keep free.
    public var maximumWindowHours = 12

    public init(records: any VisitRecords, places: VisitPlaces) {
        self.records = records
        self.places = places
    }

    /// Dispatches a visit on an open case without an open visit to one of `teams` that covers the
    /// customer's region; throws `WorkbenchError` naming the field, or `VisitError.alreadyOpen`.
    /// Without coordinates the visit is placed at its customer's region centroid, if known.
    public func dispatch(_ request: VisitBook.Dispatch, teams: VisitTeams, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        guard request.endsAt > request.startsAt else { throw WorkbenchError.invalid(field: "ends_at", message: "the window ends before it starts") }
        guard request.endsAt.timeIntervalSince(request.startsAt) <= Double(maximumWindowHours) * 3_600 else {
            throw WorkbenchError.invalid(field: "ends_at", message: "a window is at most \(maximumWindowHours) hours")
        }
        guard request.startsAt.timeIntervalSince(now) >= Double(noticeHours) * 3_600 else {
            throw WorkbenchError.invalid(field: "starts_at", message: "the customer must be notified at least \(noticeHours) hours before the visit")
        }
        if let location = request.location, !location.isValid {
            throw WorkbenchError.invalid(field: "latitude", message: "latitude must be -90 to 90 and longitude -180 to 180")
        }
        guard !request.agentId.isEmpty, request.agentId.count <= 64 else { throw WorkbenchError.invalid(field: "agent_id", message: "agent_id names a field team") }
        let (places, id) = (places, "VISIT-" + UUID().uuidString.lowercased())
        try await records.transaction { records in
            guard let target = try await records.target(ofCase: request.caseId) else { throw WorkbenchError.notFound(field: "case_id", id: request.caseId) }
            guard target.caseStatus == "open" else { throw WorkbenchError.invalid(field: "case_id", message: "the case is closed") }
            guard let mobile = target.mobile else {
                throw WorkbenchError.invalid(field: "case_id", message: "the customer has no mobile number to send the advance notice to")
            }
            try await teams.check(request.agentId, region: target.region) { try await records.fieldAgentIds() }
            if let open = try await records.openVisit(ofCase: request.caseId) {
                throw VisitError.alreadyOpen(caseId: request.caseId, visitId: open)
            }
            let location = request.location ?? target.region.flatMap { places.centroids[$0] }
            let appointmentId = try await records.addAppointment(
                customerId: target.customerId, Appointment(channel: .visit, startsAt: request.startsAt, endsAt: request.endsAt, notifiedAt: now),
                by: actor, at: now)
            let notice = VisitNotice.message("notice", visitId: id, customerId: target.customerId, mobile: mobile, language: target.language,
                                             timeZone: target.timeZone, now: now) { language, zone in
                VisitNotice.text(language: language, from: request.startsAt, to: request.endsAt, in: zone)
            }
            try await records.enqueue([notice])
            // Two dispatches at once both pass the check above; one inserts, and the other takes
            // back its appointment and notice with its transaction.
            guard try await records.insert(NewVisit(id: id, caseId: request.caseId, customerId: target.customerId, agentId: request.agentId,
                                                    startsAt: request.startsAt, endsAt: request.endsAt, location: location, appointmentId: appointmentId,
                                                    noticeId: notice.id, dispatchedBy: actor, dispatchedAt: now)) else {
                throw VisitError.alreadyOpen(caseId: request.caseId, visitId: try await records.openVisit(ofCase: request.caseId) ?? "another visit")
            }
            try await records.audit([AuditEvent(actor: actor, action: "visit_dispatched", subject: target.customerId, details: [
                "visit_id": id, "case_id": request.caseId, "agent_id": request.agentId, "starts_at": ContactRecords.timestamp(request.startsAt),
                "ends_at": ContactRecords.timestamp(request.endsAt), "notice_id": notice.id,
            ])], at: now)
        }
        guard let visit = try await records.find(id, agentId: nil) else { throw WorkbenchError.notFound(field: "id", id: id) }
        return visit
    }

    /// The team's own visit (`agentId`: another team's is not found) as a report may be made on
    /// it at `now`: still open, with identification shown, two collectors present (2 to 10
    /// visitors), its window started (`VisitError.beforeWindow`) and photos named as files (at
    /// most 20). Refuses with the field, before anything is stored.
    public func reportable(_ id: String, _ report: VisitReport, agentId: String, now: Date) async throws -> StoredVisit {
        guard let visit = try await records.find(id, agentId: agentId) else { throw WorkbenchError.notFound(field: "id", id: id) }
        guard visit.status.isOpen else { throw VisitBook.notOpen(visit.status) }
        guard report.identificationShown else {
            throw WorkbenchError.invalid(field: "identification_shown", message: "the collectors show their identification at every visit; tick it once they did")
        }
        guard report.twoCollectorsPresent else {
            throw WorkbenchError.invalid(field: "two_collectors_present", message: "a visit is made by two collectors; tick it once two went")
        }
        guard (2...10).contains(report.visitors) else { throw WorkbenchError.invalid(field: "visitors", message: "visitors is 2 to 10: two collectors go on a visit") }
        if let startsAt = ContactRecords.date(visit.startsAt), now < startsAt {
            throw VisitError.beforeWindow(visitId: id, startsAt: visit.startsAt)
        }
        if let bad = report.photos.first(where: { $0.isEmpty || $0.count > 128 || $0.contains("/") || $0.contains("\\") }) {
            throw WorkbenchError.invalid(field: "photos", message: "'\(bad)' is not a file name (1 to 128 characters, no folders)")
        }
        guard report.photos.count <= 20 else { throw WorkbenchError.invalid(field: "photos", message: "at most 20 photos") }
        return visit
    }

    /// Records that the customer agreed to the window. Only a dispatched visit can be confirmed;
    /// with `agentId`, only that team's (another team's is not found).
    public func confirm(_ id: String, agentId: String?, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        guard let visit = try await records.find(id, agentId: agentId) else { throw WorkbenchError.notFound(field: "id", id: id) }
        guard visit.status == .dispatched else { throw WorkbenchError.wrongStatus(field: "status", message: "the visit is \(visit.status.rawValue), not dispatched") }
        try await records.transaction { records in
            guard try await records.confirm(id, at: now) else {
                throw WorkbenchError.wrongStatus(field: "status", message: "the visit was confirmed, reported or cancelled meanwhile")
            }
            try await records.audit([AuditEvent(actor: actor, action: "visit_confirmed", subject: visit.customerId, details: ["visit_id": id])], at: now)
        }
        return try await stored(id)
    }

    /// Records the team's report on its own visit (`agentId`: another team's is not found): the
    /// report, the promise when given (by `PromiseBook`'s rules, whose refusals name the field),
    /// the plan request when the customer asked for one (`Arrangements.propose` under `limits`,
    /// as a field agent, whose role approves nothing: it waits for a supervisor), the attempt and
    /// the follow-up task, all in one transaction. A visit reported already, also by the same
    /// report sent twice at once, is `wrongStatus`, and nothing more is stored.
    ///
    /// Refused before anything is stored (issue 24): what `reportable` refuses; and, with a
    /// `policy`, outside the pack's contact hours in the customer's time zone (its quiet-hours
    /// and preferred-hours rules, checked by `ContactStart` as a contact about to start:
    /// `ContactStartError.blocked`), unless the rule allows an override and the report gives its
    /// reason, which is then stored in `contact_overrides`, audited, and covers the visit's
    /// attempt. Other rules the visit broke are recorded as breaches with the attempt, as every
    /// contact recorded after the fact.
    public func report(_ id: String, _ report: VisitReport, agentId: String, policy: PolicySettings?, limits: AuthorityLimits, by actor: String,
                       now: Date = Date()) async throws -> StoredVisit {
        let visit = try await reportable(id, report, agentId: agentId, now: now)
        let files = try VisitBook.checkedPhotos(report.photoFiles, adding: 0)
        let today = LocalMoment(now, offset: 0).date
        let attempt = ContactRecords.NewAttempt(id: "ATT-" + id, customerId: visit.customerId, channel: .visit, contactPoint: ContactPoint.address,
                                                at: now, outcome: report.met == .nobody ? .visitNotHome : .visitMet, note: report.note)
        let followUp = "VISIT:" + id
        try await records.transaction { records in
            // The visit is claimed first: the same report sent twice, or at once, finds it
            // reported (on PostgreSQL after waiting for the first to commit) and stores nothing.
            let claimed = try await records.claimReport(ReportedVisit(
                visitId: id, status: report.met == .nobody ? .notMet : .done, met: report.met.rawValue, situation: report.situation,
                difficulty: report.difficulty, planRequested: report.planRequested, note: report.note, photos: report.photos,
                attemptId: attempt.id, followUpActionId: followUp, reportedAt: now))
            guard claimed else { throw WorkbenchError.wrongStatus(field: "status", message: "the visit was reported or cancelled meanwhile") }
            // A promise given at the door is kept by `PromiseBook`'s rules, whose refusals name
            // the field; refused, nothing of the report is stored.
            var promiseId: String?
            if let given = report.promise {
                let promise = try await records.takePromise(caseId: visit.caseId, amountMinor: given.amountMinor, currency: given.currency,
                                                            dueOn: given.dueOn, today: today, by: actor)
                try await records.linkPromise(promise, toVisit: id)
                promiseId = promise
            }
            var verdict: PolicyDecision?
            if let policy {
                let contact = ContactRequest(channel: .visit, at: now, contactPoint: ContactPoint.address, visitors: report.visitors,
                                             identificationShown: report.identificationShown)
                _ = try await ContactStart.start(customerId: visit.customerId, contact, overrideReason: report.overrideReason,
                                                 settings: VisitBook.contactHours(of: policy), by: actor, at: now, records: records.contactChecks)
                verdict = try await ContactCheck.check(customerId: visit.customerId, contact, settings: policy, records: records.contactChecks)
            }
            try await records.recordAttempt(attempt, breach: verdict, by: actor, at: now)
            var planId: String?
            if let plan = report.plan {
                planId = try await Self.requestPlan(plan, visit: visit, limits: limits, by: actor, today: today, records: records)
            }
            if let planId {
                try await records.linkPlan(planId, toVisit: id)
            }
            // Nobody at home: the team goes again; otherwise it calls to see the promise or plan kept.
            let channel = report.met == .nobody ? "visit" : "call"
            let reason = "follow-up of visit \(id): met \(report.met.rawValue)" + (report.planRequested ? ", plan requested" : "")
            try await records.addFollowUp(followUp, caseId: visit.caseId, on: today, channel: channel, reason: reason, assignedTo: agentId)
            var details = ["visit_id": id, "met": report.met.rawValue, "attempt_id": attempt.id, "follow_up_action_id": followUp]
            details["promise_id"] = promiseId
            details["plan_arrangement_id"] = planId
            try await records.audit([AuditEvent(actor: actor, action: "visit_reported", subject: visit.customerId, details: details)], at: now)
            try await VisitBook.storePhotos(files, of: id, customerId: visit.customerId, by: actor, at: now, records: records)
        }
        return try await stored(id)
    }

    /// Proposes the plan the customer asked for on the customer's most overdue account without an
    /// open arrangement, as the self-service page does; its id, or nil when there is none (nothing
    /// overdue, or a request is waiting or a plan running on each). Refusals of the terms name
    /// `plan_instalments` or `plan_first_date`.
    static func requestPlan(_ plan: VisitReport.PlanRequest, visit: StoredVisit, limits: AuthorityLimits, by actor: String, today: LocalDate,
                            records: any VisitTransaction) async throws -> String? {
        guard let account = try await records.planAccount(ofCustomer: visit.customerId) else { return nil }
        let requester = Arrangements.Actor(name: actor, role: .fieldAgent, scope: .all)
        do {
            return try await Arrangements.propose(accountId: account, terms: .instalmentPlan(count: plan.instalments, firstDate: plan.firstDate),
                                                  reason: "asked for by the customer at field visit \(visit.id)", by: requester, today: today,
                                                  limits: limits, records: records.arrangements).id
        } catch let error as ArrangementError {
            let field = ["count": "plan_instalments", "first_date": "plan_first_date"][error.field] ?? "plan_requested"
            throw WorkbenchError.invalid(field: field, message: error.description)
        }
    }

    /// The visit as stored now.
    func stored(_ id: String) async throws -> StoredVisit {
        guard let visit = try await records.find(id, agentId: nil) else { throw WorkbenchError.notFound(field: "id", id: id) }
        return visit
    }
}
