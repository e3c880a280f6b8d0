import ArrearsCore
import Foundation

/// What logging a contact attempt and applying its outcome (`ContactOutcomes`) reads and writes,
/// in the caller's transaction: `SQLContactOutcomeRecords` keeps it in the database; a test may
/// keep it in memory and check the rules (an attempt seen before changes nothing more, a flag is
/// set once while the accepted channels replace the last ones, one open task of a kind per
/// customer, nothing written when the outcome lacks what it needs) without one. Each write is
/// audited with the row it writes.
public protocol ContactOutcomeRecords: Sendable {
    /// The customer's standings and contact overrides, in this transaction (`ContactCheck`).
    var contactChecks: any ContactCheckRecords { get }
    /// Records the attempt with the pack's verdict on it (`ContactRecords.record`); nil when its
    /// id was seen before and nothing was recorded. Audited `contact_attempt_recorded`.
    func record(_ attempt: ContactRecords.NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date) async throws -> ContactRecords.Recorded?
    /// The ids of the customer's flags of `kind` that have not been ended, in the order they were recorded.
    func openFlags(_ kind: CustomerFlag.Kind, customerId: String) async throws -> [String]
    /// Ends flag `id` on `lastDay` (`ContactRecords.endFlag`). Audited `flag_ended`.
    func endFlag(_ id: String, lastDay: LocalDate, by actor: String, at now: Date) async throws
    /// Records `flag` on the customer (`ContactRecords.addFlag`); its id. Audited `flag_added`.
    func addFlag(_ flag: CustomerFlag, customerId: String, note: String?, by actor: String, at now: Date) async throws -> String
    /// Opens `task` for the customer from attempt `attemptId` (`OutcomeTasks.open`); its id, or
    /// nil when one of its kind is open for the customer already. Audited `outcome_task_opened`.
    func openTask(_ task: OutcomeRules.FollowUp, customerId: String, attemptId: String, by actor: String, at now: Date) async throws -> String?
    /// Records the time the customer agreed to be contacted (`ContactRecords.addAppointment`); its id. Audited `appointment_recorded`.
    func addAppointment(customerId: String, _ appointment: Appointment, by actor: String, at now: Date) async throws -> String
    /// Marks the customer's contact point `id` not to be used again, for `reason`
    /// (`ContactRecords.markContactPoint`). Audited `contact_point_marked`.
    func markContactPoint(customerId: String, id: String, reason: String, by actor: String, at now: Date) async throws
}
