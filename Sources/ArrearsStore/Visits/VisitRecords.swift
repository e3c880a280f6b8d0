import ArrearsCore
import Foundation

/// The rows a field visit's dispatch, confirmation, report, cancellation and photos, the queue
/// awaiting dispatch and a team's day (`VisitWorkflow`) read and write: `SQLVisitRecords` keeps them in the database; a test may keep them in memory
/// and check the rules (a team that covers the customer's region, one open visit per case, the
/// notice and the window, who may confirm, report or cancel a visit and what each stores) without one.
public protocol VisitRecords: Sendable {
    /// Runs `work` in one transaction: what it writes commits together, or nothing does when it throws.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any VisitTransaction) async throws -> T) async throws -> T
    /// The visit, if it exists and, when `agentId` is given, is that team's.
    func find(_ id: String, agentId: String?) async throws -> StoredVisit?
    /// The open visit tasks the daily run made (channel `visit`, status `created`) on open cases
    /// without an open visit, the latest business day first, then the highest priority, then by
    /// id; at most `limit`, a case perhaps more than once.
    func visitTasks(limit: Int) async throws -> [VisitCandidate]
    /// Open case `caseId` as a candidate without a task; nil when there is no such open case.
    func openCase(_ caseId: String) async throws -> VisitCandidate?
    /// The visits whose window starts on a UTC date from `from` through `through`, of team
    /// `agentId` or of all, the cancelled ones only when `includingCancelled`; by team, start and id.
    func visits(from: LocalDate, through: LocalDate, agentId: String?, includingCancelled: Bool) async throws -> [StoredVisit]
    /// The photos of each of the visits, oldest first, without their bytes.
    func photos(ofVisits ids: [String]) async throws -> [String: [StoredAttachment]]
}

/// A case a visit may be dispatched on, with what the dispatch form needs: the customer's
/// region (the teams offered cover it) and time zone (the window is typed in it).
public struct VisitCandidate: Sendable, Equatable {
    /// The visit task the daily run made, nil for a case looked up by its id.
    public let taskId: String?
    public let caseId: String
    public let customerName: String
    public let region: String?
    public let timeZone: String

    public init(taskId: String?, caseId: String, customerName: String, region: String?, timeZone: String) {
        self.taskId = taskId
        self.caseId = caseId
        self.customerName = customerName
        self.region = region
        self.timeZone = timeZone
    }
}

/// What a dispatch reads and writes inside one transaction of `VisitRecords`.
public protocol VisitTransaction: Sendable {
    /// The case and its customer as a dispatch needs them; nil when there is no such case.
    func target(ofCase caseId: String) async throws -> VisitTarget?
    /// The agent ids of the active users of the field-agent role, in id order.
    func fieldAgentIds() async throws -> [String]
    /// The id of the case's visit that is dispatched or confirmed, if there is one.
    func openVisit(ofCase caseId: String) async throws -> String?
    /// Records the visit's window as an appointment of the customer (`ContactRecords.addAppointment`); its id.
    func addAppointment(customerId: String, _ appointment: Appointment, by actor: String, at now: Date) async throws -> String
    /// Queues messages in the outbox; a message whose id exists is left alone.
    func enqueue(_ messages: [OutboxMessage]) async throws
    /// Stores a dispatched visit; false (nothing stored) when the case has an open visit already.
    func insert(_ visit: NewVisit) async throws -> Bool
    /// Appends to the audit log in this transaction.
    func audit(_ events: [AuditEvent], at now: Date) async throws

    /// Marks the visit confirmed at `now` if it is still dispatched; false (nothing written) otherwise.
    func confirm(_ id: String, at now: Date) async throws -> Bool
    /// Stores the report on the visit if it is still open (dispatched or confirmed); false
    /// (nothing written) when it was reported or cancelled meanwhile. On PostgreSQL a second
    /// report at once waits for the first to commit, and then finds it reported.
    func claimReport(_ report: ReportedVisit) async throws -> Bool
    /// Links the promise taken at the door to the visit.
    func linkPromise(_ promiseId: String, toVisit id: String) async throws
    /// Links the plan proposed because the customer asked for one at the door to the visit.
    func linkPlan(_ arrangementId: String, toVisit id: String) async throws
    /// Takes the promise given at the door on `caseId`, by `PromiseBook`'s rules (whose refusals
    /// name the field); its id.
    func takePromise(caseId: String, amountMinor: Int64, currency: String, dueOn: LocalDate, today: LocalDate, by actor: String) async throws -> String
    /// The customer's standings and contact overrides, in this transaction (`ContactStart`, `ContactCheck`).
    var contactChecks: any ContactCheckRecords { get }
    /// Records the visit's contact attempt with the pack's verdict on it (`ContactRecords.recordAttempt`).
    func recordAttempt(_ attempt: ContactRecords.NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date) async throws
    /// The customer's most overdue account (by days past due, then amount, then id) with
    /// something overdue and no open arrangement; nil when there is none.
    func planAccount(ofCustomer customerId: String) async throws -> String?
    /// An arrangement's rows, in this transaction (`Arrangements.propose`).
    var arrangements: any ArrangementRecords { get }
    /// Adds the follow-up task `id` on the case as an `actions` row dated `day` with `channel`
    /// and `reason`, assigned to `agentId`, at the case's highest priority.
    func addFollowUp(_ id: String, caseId: String, on day: LocalDate, channel: String, reason: String, assignedTo agentId: String) async throws
    /// How many photos the visit has.
    func photoCount(ofVisit id: String) async throws -> Int
    /// The customer of visit `id`, if it exists and, when `agentId` is given, is that team's.
    func customerId(ofVisit id: String, agentId: String?) async throws -> String?
    /// Photo `attachmentId` of visit `id` with its bytes, opened (nothing is recorded: the caller
    /// records the view); nil when the visit has no such photo.
    func photo(_ attachmentId: String, ofVisit id: String) async throws -> (attachment: StoredAttachment, bytes: Data)?
    /// Stores a checked photo, sealed, as the visit's attachment.
    func insertPhoto(_ file: AttachmentUpload.Checked, ofVisit id: String, by actor: String, at now: Date) async throws -> StoredAttachment
    /// Marks the visit cancelled by `actor` at `now` for `reason` if it is still open; false (nothing written) otherwise.
    func cancel(_ id: String, reason: String, by actor: String, at now: Date) async throws -> Bool
    /// Voids the customer's appointment (`ContactRecords.cancelAppointment`).
    func cancelAppointment(_ id: String, reason: String, by actor: String, at now: Date) async throws
    /// The customer as a notice to them needs them; nil when there is no such customer.
    func noticeContact(ofCustomer customerId: String) async throws -> VisitNoticeContact?
}

/// A customer as a visit's notice needs them.
public struct VisitNoticeContact: Sendable, Equatable {
    /// The customer's mobile number, opened; nil when there is none.
    public let mobile: String?
    public let language: String
    public let timeZone: String

    public init(mobile: String?, language: String, timeZone: String) {
        self.mobile = mobile
        self.language = language
        self.timeZone = timeZone
    }
}

/// A visit's report as it is stored on the visit.
public struct ReportedVisit: Sendable, Equatable {
    public let visitId: String
    /// `done` when someone was met, `notMet` otherwise.
    public let status: StoredVisit.Status
    public let met: String
    public let situation: String?
    public let difficulty: String?
    public let planRequested: Bool
    public let note: String?
    public let photos: [String]
    public let attemptId: String
    public let followUpActionId: String
    public let reportedAt: Date

    public init(visitId: String, status: StoredVisit.Status, met: String, situation: String?, difficulty: String?, planRequested: Bool, note: String?,
                photos: [String], attemptId: String, followUpActionId: String, reportedAt: Date) {
        self.visitId = visitId
        self.status = status
        self.met = met
        self.situation = situation
        self.difficulty = difficulty
        self.planRequested = planRequested
        self.note = note
        self.photos = photos
        self.attemptId = attemptId
        self.followUpActionId = followUpActionId
        self.reportedAt = reportedAt
    }
}

/// A case a visit is dispatched on, with what the dispatch needs of its customer.
public struct VisitTarget: Sendable, Equatable {
    public let caseStatus: String
    public let customerId: String
    /// The customer's mobile number, opened; nil when there is none.
    public let mobile: String?
    public let language: String
    public let region: String?
    public let timeZone: String

    public init(caseStatus: String, customerId: String, mobile: String?, language: String, region: String?, timeZone: String) {
        self.caseStatus = caseStatus
        self.customerId = customerId
        self.mobile = mobile
        self.language = language
        self.region = region
        self.timeZone = timeZone
    }
}

/// A visit as it is dispatched.
public struct NewVisit: Sendable, Equatable {
    public let id: String
    public let caseId: String
    public let customerId: String
    public let agentId: String
    public let startsAt: Date
    public let endsAt: Date
    public let location: GeoPoint?
    public let appointmentId: String
    public let noticeId: String
    public let dispatchedBy: String
    public let dispatchedAt: Date

    public init(id: String, caseId: String, customerId: String, agentId: String, startsAt: Date, endsAt: Date, location: GeoPoint?,
                appointmentId: String, noticeId: String, dispatchedBy: String, dispatchedAt: Date) {
        self.id = id
        self.caseId = caseId
        self.customerId = customerId
        self.agentId = agentId
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.location = location
        self.appointmentId = appointmentId
        self.noticeId = noticeId
        self.dispatchedBy = dispatchedBy
        self.dispatchedAt = dispatchedAt
    }
}
