import ArrearsCore
import Foundation
import SQLKit

/// Field visits in the store's database, on SQLite or PostgreSQL.
public struct SQLVisitRecords: VisitRecords {
    public let store: Store

    public init(store: Store) { self.store = store }

    public func transaction<T: Sendable>(_ work: @escaping @Sendable (any VisitTransaction) async throws -> T) async throws -> T {
        let store = store
        return try await store.transaction { database in try await work(Transaction(store: store, database: database)) }
    }

    public func find(_ id: String, agentId: String?) async throws -> StoredVisit? {
        var query: SQLQueryString = "SELECT \(unsafeRaw: StoredVisit.columns) \(unsafeRaw: StoredVisit.from) WHERE v.id = \(bind: id)"
        if let agentId {
            query.appendLiteral(" AND v.agent_id = ")
            query.appendInterpolation(bind: agentId)
        }
        return try await store.sql.raw(query).first().map { try StoredVisit($0, store: store) }
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
    }
}
