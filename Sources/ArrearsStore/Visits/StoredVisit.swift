import ArrearsCore
import SQLKit

/// A field visit as stored, with the customer's name and address for the team's day sheet (the
/// address opened from its sealed form: the team has to find the door).
public struct StoredVisit: Sendable, Equatable {
    /// dispatched (notice queued) → confirmed (the customer agreed) → done (met someone) or
    /// not_met (nobody at home); or, before it is reported, cancelled (called off by a supervisor).
    public enum Status: String, Sendable, CaseIterable {
        case dispatched, confirmed, done
        case notMet = "not_met"
        case cancelled

        /// Still to be made: the team may report it and a supervisor may cancel it.
        public var isOpen: Bool { self == .dispatched || self == .confirmed }
    }

    public let id: String
    public let caseId: String
    public let customerId: String
    public let customerName: String
    public let address: String?
    public let agentId: String
    public let startsAt: String
    public let endsAt: String
    public let status: Status
    public let location: GeoPoint?
    public let appointmentId: String
    /// The advance notice's id in `outbox_messages`, where its delivery state is.
    public let noticeId: String
    public let met: String?
    public let promiseId: String?
    public let attemptId: String?
    public let followUpActionId: String?
    /// The instalment plan proposed for approval because the customer asked for one at the door.
    public let planArrangementId: String?
    /// When, by whom and why the visit was cancelled; nil unless it was.
    public let cancelledAt: String?
    public let cancelledBy: String?
    public let cancelReason: String?

    public static let columns = """
        v.id, v.case_id, v.customer_id, cu.name, cu.address, v.agent_id, v.starts_at, v.ends_at, v.status, v.latitude, v.longitude,
        v.appointment_id, v.notice_id, v.met, v.promise_id, v.attempt_id, v.follow_up_action_id, v.plan_arrangement_id, v.cancelled_at, v.cancelled_by, v.cancel_reason
        """
    public static let from = "FROM visits v JOIN customers cu ON cu.id = v.customer_id"

    /// A visit as a test or a repository kept outside the database builds it.
    public init(id: String, caseId: String, customerId: String, customerName: String, address: String? = nil, agentId: String, startsAt: String, endsAt: String, status: Status, location: GeoPoint? = nil, appointmentId: String, noticeId: String, met: String? = nil, promiseId: String? = nil, attemptId: String? = nil, followUpActionId: String? = nil, planArrangementId: String? = nil, cancelledAt: String? = nil, cancelledBy: String? = nil, cancelReason: String? = nil) {
        self.id = id
        self.caseId = caseId
        self.customerId = customerId
        self.customerName = customerName
        self.address = address
        self.agentId = agentId
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.status = status
        self.location = location
        self.appointmentId = appointmentId
        self.noticeId = noticeId
        self.met = met
        self.promiseId = promiseId
        self.attemptId = attemptId
        self.followUpActionId = followUpActionId
        self.planArrangementId = planArrangementId
        self.cancelledAt = cancelledAt
        self.cancelledBy = cancelledBy
        self.cancelReason = cancelReason
    }

    public init(_ row: any SQLRow, store: Store) throws {
        id = try row.decode(column: "id", as: String.self)
        caseId = try row.decode(column: "case_id", as: String.self)
        customerId = try row.decode(column: "customer_id", as: String.self)
        customerName = try row.decode(column: "name", as: String.self)
        address = try store.openField(try row.decode(column: "address", as: String?.self))
        agentId = try row.decode(column: "agent_id", as: String.self)
        startsAt = try row.decode(column: "starts_at", as: String.self)
        endsAt = try row.decode(column: "ends_at", as: String.self)
        status = Status(rawValue: try row.decode(column: "status", as: String.self)) ?? .dispatched
        if let latitude = try row.decode(column: "latitude", as: Double?.self), let longitude = try row.decode(column: "longitude", as: Double?.self) {
            location = GeoPoint(latitude: latitude, longitude: longitude)
        } else {
            location = nil
        }
        appointmentId = try row.decode(column: "appointment_id", as: String.self)
        noticeId = try row.decode(column: "notice_id", as: String.self)
        met = try row.decode(column: "met", as: String?.self)
        promiseId = try row.decode(column: "promise_id", as: String?.self)
        attemptId = try row.decode(column: "attempt_id", as: String?.self)
        followUpActionId = try row.decode(column: "follow_up_action_id", as: String?.self)
        planArrangementId = try row.decode(column: "plan_arrangement_id", as: String?.self)
        cancelledAt = try row.decode(column: "cancelled_at", as: String?.self)
        cancelledBy = try row.decode(column: "cancelled_by", as: String?.self)
        cancelReason = try row.decode(column: "cancel_reason", as: String?.self)
    }
}
