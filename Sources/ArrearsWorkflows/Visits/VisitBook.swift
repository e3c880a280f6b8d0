import ArrearsCore
import ArrearsStore
import Foundation

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

    /// The visits' rows in the store's database, a promise at the door taken by `PromiseBook`.
    var records: SQLVisitRecords {
        let store = store
        return SQLVisitRecords(store: store) { caseId, amountMinor, currency, dueOn, today, actor, database in
            try await PromiseBook().take(.init(caseId: caseId, amountMinor: amountMinor, currency: currency, dueOn: dueOn),
                                         today: today, scope: .all, by: actor, store: store, on: database).id
        }
    }

    /// The visit's rules (`VisitWorkflow`) on the store's database.
    public var workflow: VisitWorkflow {
        var workflow = VisitWorkflow(records: records, places: places)
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
        try await records.find(id, agentId: agentId)
    }

    /// Records that the customer agreed to the window (`VisitWorkflow.confirm`). Only a dispatched visit can be confirmed.
    public func confirm(_ id: String, agentId: String?, by actor: String, now: Date = Date()) async throws -> StoredVisit {
        try await workflow.confirm(id, agentId: agentId, by: actor, now: now)
    }

    /// Records the team's report on its own visit (`VisitWorkflow.report`, which says what is
    /// stored and what is refused before anything is).
    public func report(_ id: String, _ report: VisitReport, agentId: String, policy: PolicySettings?, limits: AuthorityLimits, by actor: String,
                       now: Date = Date()) async throws -> StoredVisit {
        try await workflow.report(id, report, agentId: agentId, policy: policy, limits: limits, by: actor, now: now)
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

    /// Why a visit in `status` can be neither reported nor cancelled.
    static func notOpen(_ status: StoredVisit.Status) -> WorkbenchError {
        .wrongStatus(field: "status", message: status == .cancelled ? "the visit was cancelled" : "the visit was already reported")
    }

    /// The visits whose window starts on `date`, of one team or of all, in route order
    /// (`VisitWorkflow.day`).
    public func day(_ date: LocalDate, agentId: String?, includingCancelled: Bool = false, in zone: TimeZone? = nil) async throws -> [StoredVisit] {
        try await workflow.day(date, agentId: agentId, includingCancelled: includingCancelled, in: zone)
    }
}
