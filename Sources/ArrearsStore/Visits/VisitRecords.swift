import ArrearsCore
import Foundation

/// The rows a field visit's dispatch and the checks before its report (`VisitWorkflow`) read
/// and write: `SQLVisitRecords` keeps them in the database; a test may keep them in memory and
/// check the rules (a team that covers the customer's region, one open visit per case, the
/// notice and the window) without one.
public protocol VisitRecords: Sendable {
    /// Runs `work` in one transaction: what it writes commits together, or nothing does when it throws.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any VisitTransaction) async throws -> T) async throws -> T
    /// The visit, if it exists and, when `agentId` is given, is that team's.
    func find(_ id: String, agentId: String?) async throws -> StoredVisit?
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
