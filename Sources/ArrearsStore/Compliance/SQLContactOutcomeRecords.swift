import ArrearsCore
import Foundation
import SQLKit

/// A contact attempt's records and its outcome's consequences (`ContactOutcomeRecords`) in the
/// database, in the caller's transaction on `database`, on SQLite or PostgreSQL.
public struct SQLContactOutcomeRecords: ContactOutcomeRecords {
    public let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    public var contactChecks: any ContactCheckRecords { SQLContactCheckRecords(database: database) }

    public func record(_ attempt: ContactRecords.NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date) async throws -> ContactRecords.Recorded? {
        try await ContactRecords.record(attempt, breach: breach, by: actor, at: now, on: database)
    }

    public func openFlags(_ kind: CustomerFlag.Kind, customerId: String) async throws -> [String] {
        try await ContactRecords.flags(of: customerId, on: database).filter { $0.flag == kind.rawValue && $0.endsOn == nil }.map(\.id)
    }

    public func endFlag(_ id: String, lastDay: LocalDate, by actor: String, at now: Date) async throws {
        try await ContactRecords.endFlag(id, lastDay: lastDay, by: actor, at: now, on: database)
    }

    public func addFlag(_ flag: CustomerFlag, customerId: String, note: String?, by actor: String, at now: Date) async throws -> String {
        try await ContactRecords.addFlag(flag, customerId: customerId, note: note, by: actor, at: now, on: database)
    }

    public func openTask(_ task: OutcomeRules.FollowUp, customerId: String, attemptId: String, by actor: String, at now: Date) async throws -> String? {
        try await OutcomeTasks.open(task, customerId: customerId, attemptId: attemptId, by: actor, at: now, on: database)
    }

    public func addAppointment(customerId: String, _ appointment: Appointment, by actor: String, at now: Date) async throws -> String {
        try await ContactRecords.addAppointment(customerId: customerId, appointment, by: actor, at: now, on: database)
    }

    public func markContactPoint(customerId: String, id: String, reason: String, by actor: String, at now: Date) async throws {
        try await ContactRecords.markContactPoint(customerId: customerId, id: id, reason: reason, by: actor, at: now, on: database)
    }
}
