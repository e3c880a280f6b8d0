import ArrearsCore
import Foundation
import SQLKit

/// Field visits in the store's database, on SQLite or PostgreSQL. Taking a promise at the door is
/// a workflow of its own (`PromiseBook`, in ArrearsWorkflows), given as `takingPromise` and run on
/// the report's transaction.
public struct SQLVisitRecords: VisitRecords {
    public typealias PromiseStep = @Sendable (_ caseId: String, _ amountMinor: Int64, _ currency: String, _ dueOn: LocalDate, _ today: LocalDate,
                                              _ actor: String, _ database: any SQLDatabase) async throws -> String

    public let store: Store
    let takingPromise: PromiseStep

    public init(store: Store, takingPromise: @escaping PromiseStep) {
        self.store = store
        self.takingPromise = takingPromise
    }

    public func transaction<T: Sendable>(_ work: @escaping @Sendable (any VisitTransaction) async throws -> T) async throws -> T {
        let store = store, takingPromise = takingPromise
        return try await store.transaction { database in try await work(Transaction(store: store, database: database, takingPromise: takingPromise)) }
    }

    /// The rows of a transaction the caller holds on `database`.
    public func records(in database: any SQLDatabase) -> any VisitTransaction {
        Transaction(store: store, database: database, takingPromise: takingPromise)
    }

    public func find(_ id: String, agentId: String?) async throws -> StoredVisit? {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredVisit.columns) \(unsafeRaw: StoredVisit.from) WHERE v.id = \(bind: id)"
        if let agentId {
            query.appendLiteral(" AND v.agent_id = ")
            query.appendInterpolation(bind: agentId)
        }
        return try await store.sql.raw(query).first().map { try StoredVisit($0, store: store) }
    }

    public func visitTasks(limit: Int) async throws -> [VisitCandidate] {
        try await store.sql.raw("""
            SELECT a.id, a.case_id, cu.name, cu.region, cu.time_zone
            FROM actions a JOIN cases c ON c.id = a.case_id JOIN customers cu ON cu.id = c.customer_id
            WHERE a.channel = 'visit' AND a.status = 'created' AND c.status = 'open'
                AND NOT EXISTS (SELECT 1 FROM visits v WHERE v.case_id = a.case_id AND v.status IN ('dispatched', 'confirmed'))
            ORDER BY a.business_date DESC, a.priority DESC, a.id
            LIMIT \(bind: max(0, limit))
            """).all().map { try Self.candidate($0, taskId: try $0.decode(column: "id", as: String.self)) }
    }

    public func openCase(_ caseId: String) async throws -> VisitCandidate? {
        try await store.sql.raw("""
            SELECT c.id AS case_id, cu.name, cu.region, cu.time_zone FROM cases c JOIN customers cu ON cu.id = c.customer_id
            WHERE c.id = \(bind: caseId) AND c.status = 'open'
            """).first().map { try Self.candidate($0, taskId: nil) }
    }

    private static func candidate(_ row: any SQLRow, taskId: String?) throws -> VisitCandidate {
        VisitCandidate(taskId: taskId, caseId: try row.decode(column: "case_id", as: String.self), customerName: try row.decode(column: "name", as: String.self),
                       region: try row.decode(column: "region", as: String?.self), timeZone: try row.decode(column: "time_zone", as: String?.self) ?? "UTC")
    }

    public func visits(from: LocalDate, through: LocalDate, agentId: String?, includingCancelled: Bool) async throws -> [StoredVisit] {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredVisit.columns) \(unsafeRaw: StoredVisit.from) WHERE v.visit_date >= \(bind: from.description)"
        query.appendLiteral(" AND v.visit_date <= ")
        query.appendInterpolation(bind: through.description)
        if let agentId {
            query.appendLiteral(" AND v.agent_id = ")
            query.appendInterpolation(bind: agentId)
        }
        if !includingCancelled {
            query.appendLiteral(" AND v.status <> ")
            query.appendInterpolation(bind: StoredVisit.Status.cancelled.rawValue)
        }
        query.appendLiteral(" ORDER BY v.agent_id, v.starts_at, v.id")
        let store = store
        return try await store.sql.raw(query).all().map { try StoredVisit($0, store: store) }
    }

    public func photos(ofVisits ids: [String]) async throws -> [String: [StoredAttachment]] {
        try await AttachmentRecords.list(owner: .visit, ids, on: store.sql)
    }

    /// The agent ids of the active users of the field-agent role, in id order.
    public static func fieldAgentIds(on database: any SQLDatabase) async throws -> [String] {
        try await database.raw("""
            SELECT DISTINCT agent_id FROM users WHERE active = \(bind: true) AND role = \(bind: Role.fieldAgent.rawValue) AND agent_id IS NOT NULL
            ORDER BY agent_id
            """).all().map { try $0.decode(column: "agent_id", as: String.self) }
    }

    /// The id of the case's visit that is dispatched or confirmed, if there is one.
    public static func openVisit(ofCase caseId: String, on database: any SQLDatabase) async throws -> String? {
        try await database.raw("""
            SELECT id FROM visits WHERE case_id = \(bind: caseId) AND status IN ('dispatched', 'confirmed') ORDER BY id LIMIT 1
            """).first()?.decode(column: "id", as: String.self)
    }

    struct Transaction: VisitTransaction {
        let store: Store
        let database: any SQLDatabase
        let takingPromise: PromiseStep

        func target(ofCase caseId: String) async throws -> VisitTarget? {
            guard let row = try await database.raw("""
                SELECT c.status, c.customer_id, cu.mobile, cu.language, cu.region, cu.time_zone
                FROM cases c JOIN customers cu ON cu.id = c.customer_id WHERE c.id = \(bind: caseId)
                """).first() else { return nil }
            return VisitTarget(caseStatus: try row.decode(column: "status", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                               mobile: try store.openField(try row.decode(column: "mobile", as: String?.self)),
                               language: try row.decode(column: "language", as: String.self), region: try row.decode(column: "region", as: String?.self),
                               timeZone: try row.decode(column: "time_zone", as: String.self))
        }

        func fieldAgentIds() async throws -> [String] { try await SQLVisitRecords.fieldAgentIds(on: database) }

        func openVisit(ofCase caseId: String) async throws -> String? { try await SQLVisitRecords.openVisit(ofCase: caseId, on: database) }

        func addAppointment(customerId: String, _ appointment: Appointment, by actor: String, at now: Date) async throws -> String {
            try await ContactRecords.addAppointment(customerId: customerId, appointment, by: actor, at: now, on: database)
        }

        func enqueue(_ messages: [OutboxMessage]) async throws {
            try await OutboxRepository.enqueue(messages, on: database, sealingPersonalDataWith: store)
        }

        func insert(_ visit: NewVisit) async throws -> Bool {
            let startsAt = ContactRecords.timestamp(visit.startsAt)
            // Two dispatches at once both pass the check for an open visit; the partial unique index
            // `visits_one_open_per_case` lets one insert, and the other (on PostgreSQL after waiting
            // for the first to commit) inserts nothing.
            return try await !database.raw("""
                INSERT INTO visits (id, case_id, customer_id, agent_id, visit_date, starts_at, ends_at, status, latitude, longitude,
                                    appointment_id, notice_id, dispatched_by, dispatched_at)
                VALUES (\(bind: visit.id), \(bind: visit.caseId), \(bind: visit.customerId), \(bind: visit.agentId), \(bind: String(startsAt.prefix(10))),
                        \(bind: startsAt), \(bind: ContactRecords.timestamp(visit.endsAt)), 'dispatched', \(bind: visit.location?.latitude),
                        \(bind: visit.location?.longitude), \(bind: visit.appointmentId), \(bind: visit.noticeId), \(bind: visit.dispatchedBy),
                        \(bind: ContactRecords.timestamp(visit.dispatchedAt)))
                ON CONFLICT DO NOTHING RETURNING id
                """).all().isEmpty
        }

        func audit(_ events: [AuditEvent], at now: Date) async throws {
            try await AuditLog.append(events, at: now, on: database)
        }

        func confirm(_ id: String, at now: Date) async throws -> Bool {
            try await !database.raw("""
                UPDATE visits SET status = 'confirmed', confirmed_at = \(bind: ContactRecords.timestamp(now)) WHERE id = \(bind: id) AND status = 'dispatched'
                RETURNING id
                """).all().isEmpty
        }

        func claimReport(_ report: ReportedVisit) async throws -> Bool {
            try await !database.raw("""
                UPDATE visits SET status = \(bind: report.status.rawValue),
                    reported_at = \(bind: ContactRecords.timestamp(report.reportedAt)), met = \(bind: report.met), situation = \(bind: report.situation),
                    difficulty = \(bind: report.difficulty), plan_requested = \(bind: report.planRequested),
                    note = \(bind: report.note), photos = \(bind: report.photos.isEmpty ? nil : report.photos.joined(separator: "\n")),
                    attempt_id = \(bind: report.attemptId), follow_up_action_id = \(bind: report.followUpActionId)
                WHERE id = \(bind: report.visitId) AND status IN ('dispatched', 'confirmed') RETURNING id
                """).all().isEmpty
        }

        func linkPromise(_ promiseId: String, toVisit id: String) async throws {
            try await database.raw("UPDATE visits SET promise_id = \(bind: promiseId) WHERE id = \(bind: id)").run()
        }

        func linkPlan(_ arrangementId: String, toVisit id: String) async throws {
            try await database.raw("UPDATE visits SET plan_arrangement_id = \(bind: arrangementId) WHERE id = \(bind: id)").run()
        }

        func takePromise(caseId: String, amountMinor: Int64, currency: String, dueOn: LocalDate, today: LocalDate, by actor: String) async throws -> String {
            try await takingPromise(caseId, amountMinor, currency, dueOn, today, actor, database)
        }

        var contactChecks: any ContactCheckRecords { SQLContactCheckRecords(database: database) }

        func recordAttempt(_ attempt: ContactRecords.NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date) async throws {
            try await ContactRecords.recordAttempt(attempt, breach: breach, by: actor, at: now, on: database)
        }

        func planAccount(ofCustomer customerId: String) async throws -> String? {
            try await database.raw("""
                SELECT a.id FROM accounts a JOIN account_positions p ON p.account_id = a.id
                WHERE a.customer_id = \(bind: customerId) AND p.overdue_minor > 0
                    AND NOT EXISTS (SELECT 1 FROM arrangements r WHERE r.account_id = a.id AND r.status IN ('proposed', 'approved', 'active'))
                ORDER BY p.dpd DESC, p.overdue_minor DESC, a.id LIMIT 1
                """).first()?.decode(column: "id", as: String.self)
        }

        var arrangements: any ArrangementRecords { SQLArrangementRecords(database: database) }

        func addFollowUp(_ id: String, caseId: String, on day: LocalDate, channel: String, reason: String, assignedTo agentId: String) async throws {
            try await database.raw("""
                INSERT INTO actions (id, case_id, customer_id, business_date, segment, bucket, dpd, treatment, channel, cell, status, reason, priority, assigned_to)
                SELECT \(bind: id), c.id, c.customer_id, \(bind: day.description), c.segment, c.bucket, c.dpd, 'visit_follow_up', \(bind: channel),
                       c.cell, 'created', \(bind: reason), COALESCE((SELECT MAX(a.priority) FROM actions a WHERE a.case_id = c.id), 0), \(bind: agentId)
                FROM cases c WHERE c.id = \(bind: caseId)
                """).run()
        }

        func customerId(ofVisit id: String, agentId: String?) async throws -> String? {
            var query: SQLQueryString = "SELECT customer_id FROM visits WHERE id = \(bind: id)"
            if let agentId {
                query.appendLiteral(" AND agent_id = ")
                query.appendInterpolation(bind: agentId)
            }
            return try await database.raw(query).first()?.decode(column: "customer_id", as: String.self)
        }

        func photo(_ attachmentId: String, ofVisit id: String) async throws -> (attachment: StoredAttachment, bytes: Data)? {
            try await AttachmentRecords.open(attachmentId, owner: .visit, id, store: store, on: database)
        }

        func photoCount(ofVisit id: String) async throws -> Int {
            try await AttachmentRecords.count(owner: .visit, id, on: database)
        }

        func insertPhoto(_ file: AttachmentUpload.Checked, ofVisit id: String, by actor: String, at now: Date) async throws -> StoredAttachment {
            try await AttachmentRecords.insert(file, owner: .visit, id, store: store, by: actor, at: now, on: database)
        }

        func cancel(_ id: String, reason: String, by actor: String, at now: Date) async throws -> Bool {
            try await !database.raw("""
                UPDATE visits SET status = \(bind: StoredVisit.Status.cancelled.rawValue), cancelled_at = \(bind: ContactRecords.timestamp(now)),
                    cancelled_by = \(bind: actor), cancel_reason = \(bind: reason)
                WHERE id = \(bind: id) AND status IN ('dispatched', 'confirmed') RETURNING id
                """).all().isEmpty
        }

        func cancelAppointment(_ id: String, reason: String, by actor: String, at now: Date) async throws {
            try await ContactRecords.cancelAppointment(id, reason: reason, by: actor, at: now, on: database)
        }

        func noticeContact(ofCustomer customerId: String) async throws -> VisitNoticeContact? {
            guard let row = try await database.raw("""
                SELECT mobile, language, time_zone FROM customers WHERE id = \(bind: customerId)
                """).first() else { return nil }
            return VisitNoticeContact(mobile: try store.openField(try row.decode(column: "mobile", as: String?.self)),
                                      language: try row.decode(column: "language", as: String.self),
                                      timeZone: try row.decode(column: "time_zone", as: String.self))
        }
    }
}
