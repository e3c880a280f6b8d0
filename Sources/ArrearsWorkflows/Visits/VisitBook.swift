import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Field visits (seeds 000 and 002): a supervisor dispatches one to a field team for a window
/// the customer is told of in advance, the customer confirms, the team reports.
///
/// - Dispatch records the agreed time as an appointment (`ContactRecords.addAppointment`, which
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

    /// Dispatches a visit on an open case; throws `WorkbenchError` naming the field otherwise.
    /// Without coordinates the visit is placed at its customer's region centroid, if known.
    public func dispatch(_ request: Dispatch, by actor: String, now: Date = Date()) async throws -> StoredVisit {
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
        let (store, places, id) = (store, places, "VISIT-" + UUID().uuidString.lowercased())
        try await store.transaction { database in
            guard let row = try await database.raw("""
                SELECT c.status, c.customer_id, cu.mobile, cu.language, cu.region, cu.time_zone
                FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = \(bind: request.caseId)
                """).first() else { throw WorkbenchError.notFound(field: "case_id", id: request.caseId) }
            guard try row.decode(column: "status", as: String.self) == "open" else { throw WorkbenchError.invalid(field: "case_id", message: "the case is closed") }
            guard let mobile = try store.openField(try row.decode(column: "mobile", as: String?.self)) else {
                throw WorkbenchError.invalid(field: "case_id", message: "the customer has no mobile number to send the advance notice to")
            }
            let customerId = try row.decode(column: "customer_id", as: String.self)
            let region = try row.decode(column: "region", as: String?.self)
            let location = request.location ?? region.flatMap { places.centroids[$0] }
            let appointmentId = try await ContactRecords.addAppointment(
                customerId: customerId, Appointment(channel: .visit, startsAt: request.startsAt, endsAt: request.endsAt, notifiedAt: now),
                by: actor, at: now, on: database)
            let notice = try VisitNotice.message("notice", visitId: id, customerId: customerId, mobile: mobile, customer: row, now: now) { language, zone in
                VisitNotice.text(language: language, from: request.startsAt, to: request.endsAt, in: zone)
            }
            try await OutboxRepository.enqueue([notice], on: database, sealingPersonalDataWith: store)
            let startsAt = ContactRecords.timestamp(request.startsAt)
            try await database.raw("""
                INSERT INTO visits (id, case_id, customer_id, agent_id, visit_date, starts_at, ends_at, status, latitude, longitude,
                                    appointment_id, notice_id, dispatched_by, dispatched_at)
                VALUES (\(bind: id), \(bind: request.caseId), \(bind: customerId), \(bind: request.agentId), \(bind: String(startsAt.prefix(10))),
                        \(bind: startsAt), \(bind: ContactRecords.timestamp(request.endsAt)), 'dispatched', \(bind: location?.latitude),
                        \(bind: location?.longitude), \(bind: appointmentId), \(bind: notice.id), \(bind: actor), \(bind: ContactRecords.timestamp(now)))
                """).run()
            try await AuditLog.append([AuditEvent(actor: actor, action: "visit_dispatched", subject: customerId, details: [
                "visit_id": id, "case_id": request.caseId, "agent_id": request.agentId, "starts_at": startsAt,
                "ends_at": ContactRecords.timestamp(request.endsAt), "notice_id": notice.id,
            ])], at: now, on: database)
        }
        return try await find(id, agentId: nil)!
    }

    /// The visit, if it exists and, when `agentId` is given, is that team's.
    public func find(_ id: String, agentId: String?) async throws -> StoredVisit? {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredVisit.columns) \(unsafeRaw: StoredVisit.from) WHERE v.id = \(bind: id)"
        if let agentId {
            query.appendLiteral(" AND v.agent_id = ")
            query.appendInterpolation(bind: agentId)
        }
        return try await store.sql.raw(query).first().map { try StoredVisit($0, store: store) }
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
    /// the attempt and the follow-up task, all in one transaction. A visit reported already,
    /// also by the same report sent twice at once, is `wrongStatus`, and nothing more is stored.
    public func report(_ id: String, _ report: VisitReport, agentId: String, policy: PolicySettings?, by actor: String,
                       now: Date = Date()) async throws -> StoredVisit {
        guard let visit = try await find(id, agentId: agentId) else { throw WorkbenchError.notFound(field: "id", id: id) }
        guard visit.status.isOpen else { throw Self.notOpen(visit.status) }
        guard (1...10).contains(report.visitors) else { throw WorkbenchError.invalid(field: "visitors", message: "visitors is 1 to 10") }
        if let bad = report.photos.first(where: { $0.isEmpty || $0.count > 128 || $0.contains("/") || $0.contains("\\") }) {
            throw WorkbenchError.invalid(field: "photos", message: "'\(bad)' is not a file name (1 to 128 characters, no folders)")
        }
        guard report.photos.count <= 20 else { throw WorkbenchError.invalid(field: "photos", message: "at most 20 photos") }
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
                verdict = try await ContactCheck.check(customerId: visit.customerId,
                                                       ContactRequest(channel: .visit, at: now, contactPoint: ContactPoint.address,
                                                                      visitors: report.visitors, identificationShown: report.identificationShown),
                                                       settings: policy, on: database)
            }
            try await ContactRecords.recordAttempt(attempt, breach: verdict, by: actor, at: now, on: database)
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
            try await AuditLog.append([AuditEvent(actor: actor, action: "visit_reported", subject: visit.customerId, details: details)], at: now, on: database)
            try await Self.storePhotos(files, of: id, customerId: visit.customerId, store: store, by: actor, at: now, on: database)
        }
        return try await find(id, agentId: nil)!
    }

    /// Why a visit in `status` can be neither reported nor cancelled.
    static func notOpen(_ status: StoredVisit.Status) -> WorkbenchError {
        .wrongStatus(field: "status", message: status == .cancelled ? "the visit was cancelled" : "the visit was already reported")
    }

    /// The visits whose window starts on `date` (UTC), of one team (`agentId`) or of all, each
    /// team's in route order from its start point (`VisitRoute`), teams in name order. Cancelled
    /// visits are no stops: left out, or with `includingCancelled` after their team's route in
    /// the order of their windows (a supervisor sees what was called off).
    public func day(_ date: LocalDate, agentId: String?, includingCancelled: Bool = false) async throws -> [StoredVisit] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredVisit.columns) \(unsafeRaw: StoredVisit.from) WHERE v.visit_date = \(bind: date.description)"
        if let agentId {
            query.appendLiteral(" AND v.agent_id = ")
            query.appendInterpolation(bind: agentId)
        }
        if !includingCancelled {
            query.appendLiteral(" AND v.status <> ")
            query.appendInterpolation(bind: StoredVisit.Status.cancelled.rawValue)
        }
        query.appendLiteral(" ORDER BY v.agent_id, v.starts_at, v.id")
        let visits = try await store.sql.raw(query).all().map { try StoredVisit($0, store: store) }
        let teams = Dictionary(grouping: visits, by: \.agentId)
        return teams.keys.sorted().flatMap { team in
            let stops = teams[team]!.filter { $0.status != .cancelled }
            return VisitRoute.order(stops, from: places.startPoints[team], location: \.location) + teams[team]!.filter { $0.status == .cancelled }
        }
    }
}
