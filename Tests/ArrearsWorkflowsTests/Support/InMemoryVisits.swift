import ArrearsCore
import ArrearsStore
import Foundation

/// Field visits kept in memory: cases with their customers, field-agent users, visits,
/// appointments, queued notices, attempts, promises, follow-up tasks, photos and the audit
/// events written. A transaction that throws leaves them as they were, as the database's does;
/// like the partial unique index `visits_one_open_per_case`, a case takes one open visit at most.
/// A plan asked for at the door is proposed on `arrangements`, and a contact checked on
/// `contactChecks`, each kept apart (neither is rolled back with the visit's rows).
final class InMemoryVisits: VisitRecords, VisitTransaction, @unchecked Sendable {
    struct Rows {
        var targets: [String: VisitTarget] = [:]
        var fieldAgents: [String] = []
        var visits: [String: StoredVisit] = [:]
        var appointments: [String: Appointment] = [:]
        var outbox: [OutboxMessage] = []
        var audit: [AuditEvent] = []
        var contacts: [String: VisitNoticeContact] = [:]
        var cancelledAppointments: Set<String> = []
        /// attempt id → the attempt and the verdict it was recorded with.
        var attempts: [String: (attempt: ContactRecords.NewAttempt, breach: PolicyDecision?)] = [:]
        /// promise id → case id.
        var promises: [String: String] = [:]
        /// action id → (case id, channel, assigned to).
        var followUps: [String: (caseId: String, channel: String, agentId: String)] = [:]
        /// visit id → its photos with their bytes, oldest first.
        var photos: [String: [(attachment: StoredAttachment, bytes: Data)]] = [:]
        /// The visit tasks the daily run made: the candidate, its business day and priority.
        var tasks: [(candidate: VisitCandidate, day: String, priority: Int)] = []
        /// customer id → the account a plan asked for at the door is proposed on.
        var planAccounts: [String: String] = [:]
    }

    let contactChecks: any ContactCheckRecords
    let arrangements: any ArrangementRecords
    /// Set to refuse the next promise taken at the door, as `PromiseBook`'s rules may.
    var promiseRefusal: WorkbenchError?

    private let lock = NSLock()
    private var rows = Rows()

    init(contactChecks: any ContactCheckRecords = InMemoryContactChecks(), arrangements: any ArrangementRecords = InMemoryArrangements(accounts: [:])) {
        self.contactChecks = contactChecks
        self.arrangements = arrangements
    }

    /// Case `caseId` of `customerId` in `region`, speaking Chinese in Shanghai's time.
    func addCase(_ caseId: String, customerId: String, status: String = "open", mobile: String? = "13800138000", region: String? = "上海") {
        lock.withLock {
            rows.targets[caseId] = VisitTarget(caseStatus: status, customerId: customerId, mobile: mobile, language: "zh-CN", region: region,
                                               timeZone: "Asia/Shanghai")
        }
    }

    /// A visit task on `caseId` made on `day` at `priority`, as the daily run's `actions` row.
    func addVisitTask(_ id: String, caseId: String, day: String, priority: Int) {
        lock.withLock {
            let region = rows.targets[caseId]?.region
            rows.tasks.append((VisitCandidate(taskId: id, caseId: caseId, customerName: "Customer of \(caseId)", region: region, timeZone: "Asia/Shanghai"),
                               day, priority))
        }
    }

    /// The customer's mobile number, language and time zone, for the notices of their visits.
    func addContact(_ customerId: String, mobile: String?, language: String = "zh-CN") {
        lock.withLock { rows.contacts[customerId] = VisitNoticeContact(mobile: mobile, language: language, timeZone: "Asia/Shanghai") }
    }

    /// Account `accountId` as the customer's most overdue one without an open arrangement.
    func setPlanAccount(_ accountId: String, customerId: String) { lock.withLock { rows.planAccounts[customerId] = accountId } }

    var cancelledAppointments: Set<String> { lock.withLock { rows.cancelledAppointments } }
    var attempts: [(attempt: ContactRecords.NewAttempt, breach: PolicyDecision?)] {
        lock.withLock { rows.attempts.values.sorted { $0.attempt.id < $1.attempt.id } }
    }
    var promises: [String: String] { lock.withLock { rows.promises } }
    var followUps: [String: (caseId: String, channel: String, agentId: String)] { lock.withLock { rows.followUps } }

    /// An active user of the field-agent role with `agentId`, which the teams file does not name.
    func addFieldAgent(_ agentId: String) { lock.withLock { rows.fieldAgents.append(agentId) } }

    var visits: [StoredVisit] { lock.withLock { rows.visits.values.sorted { $0.id < $1.id } } }
    var messages: [OutboxMessage] { lock.withLock { rows.outbox } }
    var appointments: [Appointment] { lock.withLock { Array(rows.appointments.values) } }
    var auditActions: [String] { lock.withLock { rows.audit.map(\.action) } }
    var auditEvents: [AuditEvent] { lock.withLock { rows.audit } }

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

    func visitTasks(limit: Int) async throws -> [VisitCandidate] {
        lock.withLock {
            let open = Set(rows.visits.values.filter(\.status.isOpen).map(\.caseId))
            let tasks = rows.tasks.filter { rows.targets[$0.candidate.caseId]?.caseStatus == "open" && !open.contains($0.candidate.caseId) }
                .sorted { ($1.day, $1.priority, $0.candidate.taskId ?? "") < ($0.day, $0.priority, $1.candidate.taskId ?? "") }
            return Array(tasks.map(\.candidate).prefix(max(0, limit)))
        }
    }

    func openCase(_ caseId: String) async throws -> VisitCandidate? {
        lock.withLock {
            rows.targets[caseId].flatMap { target in
                target.caseStatus == "open"
                    ? VisitCandidate(taskId: nil, caseId: caseId, customerName: "Customer of \(caseId)", region: target.region, timeZone: target.timeZone) : nil
            }
        }
    }

    func visits(from: LocalDate, through: LocalDate, agentId: String?, includingCancelled: Bool) async throws -> [StoredVisit] {
        lock.withLock {
            rows.visits.values.filter { visit in
                let day = String(visit.startsAt.prefix(10))
                return day >= from.description && day <= through.description && (agentId == nil || visit.agentId == agentId)
                    && (includingCancelled || visit.status != .cancelled)
            }.sorted { ($0.agentId, $0.startsAt, $0.id) < ($1.agentId, $1.startsAt, $1.id) }
        }
    }

    func photos(ofVisits ids: [String]) async throws -> [String: [StoredAttachment]] {
        lock.withLock { Dictionary(uniqueKeysWithValues: ids.compactMap { id in rows.photos[id].map { (id, $0.map(\.attachment)) } }) }
    }

    func customerId(ofVisit id: String, agentId: String?) async throws -> String? {
        lock.withLock { rows.visits[id].flatMap { agentId == nil || $0.agentId == agentId ? $0.customerId : nil } }
    }

    func photo(_ attachmentId: String, ofVisit id: String) async throws -> (attachment: StoredAttachment, bytes: Data)? {
        lock.withLock { rows.photos[id]?.first { $0.attachment.id == attachmentId } }
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

    func confirm(_ id: String, at now: Date) async throws -> Bool {
        lock.withLock {
            guard let visit = rows.visits[id], visit.status == .dispatched else { return false }
            rows.visits[id] = Self.changed(visit, status: .confirmed)
            return true
        }
    }

    func claimReport(_ report: ReportedVisit) async throws -> Bool {
        lock.withLock {
            guard let visit = rows.visits[report.visitId], visit.status.isOpen else { return false }
            rows.visits[report.visitId] = Self.changed(visit, status: report.status, met: report.met, attemptId: report.attemptId,
                                                       followUpActionId: report.followUpActionId)
            return true
        }
    }

    func linkPromise(_ promiseId: String, toVisit id: String) async throws {
        lock.withLock { rows.visits[id] = rows.visits[id].map { Self.changed($0, promiseId: promiseId) } }
    }

    func linkPlan(_ arrangementId: String, toVisit id: String) async throws {
        lock.withLock { rows.visits[id] = rows.visits[id].map { Self.changed($0, planArrangementId: arrangementId) } }
    }

    func takePromise(caseId: String, amountMinor: Int64, currency: String, dueOn: LocalDate, today: LocalDate, by actor: String) async throws -> String {
        try lock.withLock {
            if let promiseRefusal { throw promiseRefusal }
            let id = "PTP-\(rows.promises.count + 1)"
            rows.promises[id] = caseId
            return id
        }
    }

    func recordAttempt(_ attempt: ContactRecords.NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date) async throws {
        lock.withLock { rows.attempts[attempt.id] = (attempt, breach) }
    }

    func planAccount(ofCustomer customerId: String) async throws -> String? { lock.withLock { rows.planAccounts[customerId] } }

    func addFollowUp(_ id: String, caseId: String, on day: LocalDate, channel: String, reason: String, assignedTo agentId: String) async throws {
        lock.withLock { rows.followUps[id] = (caseId, channel, agentId) }
    }

    func photoCount(ofVisit id: String) async throws -> Int { lock.withLock { rows.photos[id]?.count ?? 0 } }

    func insertPhoto(_ file: AttachmentUpload.Checked, ofVisit id: String, by actor: String, at now: Date) async throws -> StoredAttachment {
        lock.withLock {
            let attachmentId = "ATT-PHOTO-\(rows.photos.values.joined().count + 1)"
            let attachment = StoredAttachment(id: attachmentId, ownerKind: .visit, ownerId: id, fileName: file.upload.fileName,
                                              contentType: file.type.contentType, byteCount: file.upload.bytes.count, sha256: file.sha256,
                                              uploadedBy: actor, uploadedAt: ContactRecords.timestamp(now))
            rows.photos[id, default: []].append((attachment, file.upload.bytes))
            return attachment
        }
    }

    func cancel(_ id: String, reason: String, by actor: String, at now: Date) async throws -> Bool {
        lock.withLock {
            guard let visit = rows.visits[id], visit.status.isOpen else { return false }
            rows.visits[id] = Self.changed(visit, status: .cancelled, cancelled: (ContactRecords.timestamp(now), actor, reason))
            return true
        }
    }

    func cancelAppointment(_ id: String, reason: String, by actor: String, at now: Date) async throws {
        _ = lock.withLock { rows.cancelledAppointments.insert(id) }
    }

    func noticeContact(ofCustomer customerId: String) async throws -> VisitNoticeContact? { lock.withLock { rows.contacts[customerId] } }

    /// Marks visit `id` as `status`, as a report or a cancellation would.
    func setStatus(_ id: String, _ status: StoredVisit.Status) {
        lock.withLock { rows.visits[id] = rows.visits[id].map { Self.changed($0, status: status) } }
    }

    /// `visit` with what a confirmation, report or cancellation changes.
    private static func changed(_ visit: StoredVisit, status: StoredVisit.Status? = nil, met: String? = nil, attemptId: String? = nil,
                                followUpActionId: String? = nil, promiseId: String? = nil, planArrangementId: String? = nil,
                                cancelled: (at: String, by: String, reason: String)? = nil) -> StoredVisit {
        StoredVisit(id: visit.id, caseId: visit.caseId, customerId: visit.customerId, customerName: visit.customerName, agentId: visit.agentId,
                    startsAt: visit.startsAt, endsAt: visit.endsAt, status: status ?? visit.status, location: visit.location,
                    appointmentId: visit.appointmentId, noticeId: visit.noticeId, met: met ?? visit.met, promiseId: promiseId ?? visit.promiseId,
                    attemptId: attemptId ?? visit.attemptId, followUpActionId: followUpActionId ?? visit.followUpActionId,
                    planArrangementId: planArrangementId ?? visit.planArrangementId, cancelledAt: cancelled?.at ?? visit.cancelledAt,
                    cancelledBy: cancelled?.by ?? visit.cancelledBy, cancelReason: cancelled?.reason ?? visit.cancelReason)
    }
}
