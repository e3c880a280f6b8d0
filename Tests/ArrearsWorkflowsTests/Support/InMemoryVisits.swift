import ArrearsCore
import ArrearsStore
import Foundation

/// Field visits kept in memory: cases with their customers, field-agent users, visits,
/// appointments, queued notices and the audit events written. A transaction that throws leaves
/// them as they were, as the database's does; like the partial unique index
/// `visits_one_open_per_case`, a case takes one open visit at most.
final class InMemoryVisits: VisitRecords, VisitTransaction, @unchecked Sendable {
    struct Rows {
        var targets: [String: VisitTarget] = [:]
        var fieldAgents: [String] = []
        var visits: [String: StoredVisit] = [:]
        var appointments: [String: Appointment] = [:]
        var outbox: [OutboxMessage] = []
        var audit: [AuditEvent] = []
    }

    private let lock = NSLock()
    private var rows = Rows()

    /// Case `caseId` of `customerId` in `region`, speaking Chinese in Shanghai's time.
    func addCase(_ caseId: String, customerId: String, status: String = "open", mobile: String? = "13800138000", region: String? = "上海") {
        lock.withLock {
            rows.targets[caseId] = VisitTarget(caseStatus: status, customerId: customerId, mobile: mobile, language: "zh-CN", region: region,
                                               timeZone: "Asia/Shanghai")
        }
    }

    /// An active user of the field-agent role with `agentId`, which the teams file does not name.
    func addFieldAgent(_ agentId: String) { lock.withLock { rows.fieldAgents.append(agentId) } }

    var visits: [StoredVisit] { lock.withLock { rows.visits.values.sorted { $0.id < $1.id } } }
    var messages: [OutboxMessage] { lock.withLock { rows.outbox } }
    var appointments: [Appointment] { lock.withLock { Array(rows.appointments.values) } }
    var auditActions: [String] { lock.withLock { rows.audit.map(\.action) } }

    func transaction<T: Sendable>(_ work: @escaping @Sendable (any VisitTransaction) async throws -> T) async throws -> T {
        let before = lock.withLock { rows }
        do { return try await work(self) } catch {
            lock.withLock { rows = before }
            throw error
        }
    }

    func find(_ id: String, agentId: String?) async throws -> StoredVisit? {
        lock.withLock { rows.visits[id].flatMap { agentId == nil || $0.agentId == agentId ? $0 : nil } }
    }

    func target(ofCase caseId: String) async throws -> VisitTarget? { lock.withLock { rows.targets[caseId] } }

    func fieldAgentIds() async throws -> [String] { lock.withLock { rows.fieldAgents.sorted() } }

    func openVisit(ofCase caseId: String) async throws -> String? {
        lock.withLock { rows.visits.values.filter { $0.caseId == caseId && $0.status.isOpen }.map(\.id).min() }
    }

    func addAppointment(customerId: String, _ appointment: Appointment, by actor: String, at now: Date) async throws -> String {
        lock.withLock {
            let id = "APT-\(rows.appointments.count + 1)"
            rows.appointments[id] = appointment
            return id
        }
    }

    func enqueue(_ messages: [OutboxMessage]) async throws { lock.withLock { rows.outbox += messages } }

    func insert(_ visit: NewVisit) async throws -> Bool {
        lock.withLock {
            guard !rows.visits.values.contains(where: { $0.caseId == visit.caseId && $0.status.isOpen }) else { return false }
            rows.visits[visit.id] = StoredVisit(id: visit.id, caseId: visit.caseId, customerId: visit.customerId, customerName: "Customer \(visit.customerId)",
                                                agentId: visit.agentId, startsAt: ContactRecords.timestamp(visit.startsAt),
                                                endsAt: ContactRecords.timestamp(visit.endsAt), status: .dispatched, location: visit.location,
                                                appointmentId: visit.appointmentId, noticeId: visit.noticeId)
            return true
        }
    }

    func audit(_ events: [AuditEvent], at now: Date) async throws { lock.withLock { rows.audit += events } }

    /// Marks visit `id` as `status`, as a report or a cancellation would.
    func setStatus(_ id: String, _ status: StoredVisit.Status) {
        lock.withLock {
            guard let visit = rows.visits[id] else { return }
            rows.visits[id] = StoredVisit(id: visit.id, caseId: visit.caseId, customerId: visit.customerId, customerName: visit.customerName,
                                          agentId: visit.agentId, startsAt: visit.startsAt, endsAt: visit.endsAt, status: status, location: visit.location,
                                          appointmentId: visit.appointmentId, noticeId: visit.noticeId)
        }
    }
}
