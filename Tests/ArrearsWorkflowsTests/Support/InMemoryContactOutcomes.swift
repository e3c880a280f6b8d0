import ArrearsCore
import ArrearsStore
import Foundation

/// A contact attempt's records and its outcome's consequences kept in memory: the standings of
/// `contactChecks` (a customer without one does not exist, as in the database), the attempts by
/// id, the flags, tasks, appointments and marked contact points, and the audit actions written.
final class InMemoryContactOutcomes: ContactOutcomeRecords, @unchecked Sendable {
    struct Flag: Equatable {
        let id: String
        let customerId: String
        let kind: CustomerFlag.Kind
        let value: String?
        var lastDay: LocalDate?
    }

    struct Task: Equatable {
        let id: String
        let customerId: String
        let attemptId: String
        let queue: String
        let kind: String
    }

    private struct Rows {
        var attempts: [String: ContactRecords.Recorded] = [:]
        var flags: [Flag] = []
        var tasks: [Task] = []
        var appointments: [String: Appointment] = [:]
        var marked: [String] = []
        var audit: [String] = []
    }

    private let lock = NSLock()
    private var rows = Rows()
    let checks = InMemoryContactChecks()

    var contactChecks: any ContactCheckRecords { checks }

    /// How each attempt was recorded, by id.
    var attempts: [String: ContactRecords.Recorded] { lock.withLock { rows.attempts } }
    /// The flags in the order they were recorded, with the last day of those ended.
    var flags: [Flag] { lock.withLock { rows.flags } }
    var tasks: [Task] { lock.withLock { rows.tasks } }
    var appointments: [String: Appointment] { lock.withLock { rows.appointments } }
    /// `customer/point: reason` for each contact point marked.
    var markedPoints: [String] { lock.withLock { rows.marked } }
    var auditActions: [String] { lock.withLock { rows.audit } }

    func record(_ attempt: ContactRecords.NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date) async throws -> ContactRecords.Recorded? {
        guard try await checks.standing(of: attempt.customerId, at: attempt.at, lookbackDays: 0) != nil else {
            throw ContactRecordError.unknownCustomer(attempt.customerId)
        }
        return lock.withLock {
            guard rows.attempts[attempt.id] == nil else { return nil }
            let rule = breach.flatMap { $0.allowed ? nil : $0.rule }
            let recorded = ContactRecords.Recorded(breachedRule: rule, breachReason: rule == nil ? nil : breach?.reason, overrideId: nil)
            rows.attempts[attempt.id] = recorded
            rows.audit.append("contact_attempt_recorded")
            return recorded
        }
    }

    func openFlags(_ kind: CustomerFlag.Kind, customerId: String) async throws -> [String] {
        lock.withLock { rows.flags.filter { $0.customerId == customerId && $0.kind == kind && $0.lastDay == nil }.map(\.id) }
    }

    func endFlag(_ id: String, lastDay: LocalDate, by actor: String, at now: Date) async throws {
        try lock.withLock {
            guard let index = rows.flags.firstIndex(where: { $0.id == id }) else { throw ContactRecordError.unknownFlag(id) }
            rows.flags[index].lastDay = lastDay
            rows.audit.append("flag_ended")
        }
    }

    func addFlag(_ flag: CustomerFlag, customerId: String, note: String?, by actor: String, at now: Date) async throws -> String {
        lock.withLock {
            let id = "FLAG-\(rows.flags.count + 1)"
            rows.flags.append(Flag(id: id, customerId: customerId, kind: flag.kind, value: flag.value, lastDay: nil))
            rows.audit.append("flag_added")
            return id
        }
    }

    func openTask(_ task: OutcomeRules.FollowUp, customerId: String, attemptId: String, by actor: String, at now: Date) async throws -> String? {
        lock.withLock {
            guard !rows.tasks.contains(where: { $0.customerId == customerId && $0.kind == task.kind }) else { return nil }
            let id = "OTASK-\(rows.tasks.count + 1)"
            rows.tasks.append(Task(id: id, customerId: customerId, attemptId: attemptId, queue: task.queue, kind: task.kind))
            rows.audit.append("outcome_task_opened")
            return id
        }
    }

    func addAppointment(customerId: String, _ appointment: Appointment, by actor: String, at now: Date) async throws -> String {
        lock.withLock {
            let id = "APPT-\(rows.appointments.count + 1)"
            rows.appointments[id] = appointment
            rows.audit.append("appointment_recorded")
            return id
        }
    }

    func markContactPoint(customerId: String, id: String, reason: String, by actor: String, at now: Date) async throws {
        lock.withLock {
            rows.marked.append("\(customerId)/\(id): \(reason)")
            rows.audit.append("contact_point_marked")
        }
    }
}
