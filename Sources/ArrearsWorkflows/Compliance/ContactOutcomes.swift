import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// Logging a contact attempt and doing what its outcome calls for (issue 24): the one workflow
/// behind `POST /api/v1/contact-attempts`, the workbench's form and `arrears contact log`.
///
/// The attempt is judged by the pack as it was made and recorded all the same (a breach is
/// stored as one); then, the first time its id is seen, the outcome's consequences from
/// `config/outcomes.yaml` are applied in the caller's transaction: flags (a dispute, a cease
/// request, the channels the customer accepts, hardship, a death), tasks in their queues, the
/// appointment of an agreed callback, the contact point marked not to be used. What the outcome
/// needs but was not given (`callback_at`, `accepted_channels`) is refused before anything is
/// written (`OutcomeError`). The attempt and its consequences are read and written through
/// `ContactOutcomeRecords`.
public enum ContactOutcomes {
    /// What logging did.
    public struct Logged: Sendable {
        /// The pack's verdict on the attempt as it was made.
        public let verdict: PolicyDecision
        /// nil when the id was seen before and nothing was recorded.
        public let recorded: ContactRecords.Recorded?
        /// What the outcome changed, in order.
        public let consequences: [Consequence]
    }

    /// One change an outcome made: `kind` is `flag`, `task`, `appointment` or `contact_point`;
    /// `id` names the row made (nil for a contact point); `detail` says what it is
    /// (`dispute`, `compliance/dispute_review`, `2026-11-24T14:30:00Z`, `mobile: wrong_party`).
    public struct Consequence: Sendable, Equatable {
        public let kind: String
        public let id: String?
        public let detail: String
    }

    /// Logs `attempt` in the caller's transaction on `database`.
    public static func log(_ attempt: ContactRecords.NewAttempt, details: OutcomeRules.Details, settings: PolicySettings, by actor: String,
                           at now: Date = Date(), on database: any SQLDatabase) async throws -> Logged {
        try await log(attempt, details: details, settings: settings, by: actor, at: now, records: SQLContactOutcomeRecords(database: database))
    }

    /// The rules of logging `attempt`, over `records` (the caller's transaction on the database,
    /// or rows a test keeps in memory).
    public static func log(_ attempt: ContactRecords.NewAttempt, details: OutcomeRules.Details, settings: PolicySettings, by actor: String,
                           at now: Date = Date(), records: any ContactOutcomeRecords) async throws -> Logged {
        let steps = try settings.outcomes.steps(for: ContactAttempt(at: attempt.at, channel: attempt.channel, contactPoint: attempt.contactPoint,
                                                                    outcome: attempt.outcome),
                                                details: details, reading: settings.pack.contactRequest)
        let verdict = try await ContactCheck.check(customerId: attempt.customerId,
                                                   ContactRequest(channel: attempt.channel, at: attempt.at, contactPoint: attempt.contactPoint),
                                                   settings: settings, records: records.contactChecks)
        guard let recorded = try await records.record(attempt, breach: verdict, by: actor, at: now) else {
            return Logged(verdict: verdict, recorded: nil, consequences: [])
        }
        var consequences: [Consequence] = []
        let note = "contact outcome \(attempt.outcome.rawValue) (\(attempt.id))"
        for step in steps {
            switch step {
            case .flag(let flag):
                // A request about channels replaces the last one; other flags are set once.
                let open = try await records.openFlags(flag.kind, customerId: attempt.customerId)
                if flag.kind != .acceptedChannels, !open.isEmpty { continue }
                if flag.kind == .acceptedChannels {
                    // Ended on the day before the attempt (UTC), so that the new one alone holds.
                    let yesterday = LocalMoment(attempt.at, offset: 0).date.adding(days: -1)
                    for id in open { try await records.endFlag(id, lastDay: yesterday, by: actor, at: now) }
                }
                let id = try await records.addFlag(flag, customerId: attempt.customerId, note: note, by: actor, at: now)
                consequences.append(Consequence(kind: "flag", id: id, detail: flag.kind == .acceptedChannels
                                                ? "accepted_channels: " + ((flag.value ?? "").isEmpty ? "none" : flag.value ?? "") : flag.kind.rawValue))
            case .task(let task):
                guard let id = try await records.openTask(task, customerId: attempt.customerId, attemptId: attempt.id, by: actor, at: now) else { continue }
                consequences.append(Consequence(kind: "task", id: id, detail: "\(task.queue)/\(task.kind)"))
            case .appointment(let appointment):
                let id = try await records.addAppointment(customerId: attempt.customerId, appointment, by: actor, at: now)
                consequences.append(Consequence(kind: "appointment", id: id, detail: ContactRecords.timestamp(appointment.startsAt)))
            case .markContactPoint(let point, let outcome):
                try await records.markContactPoint(customerId: attempt.customerId, id: point, reason: outcome.rawValue, by: actor, at: now)
                consequences.append(Consequence(kind: "contact_point", id: nil, detail: "\(point): \(outcome.rawValue)"))
            }
        }
        return Logged(verdict: verdict, recorded: recorded, consequences: consequences)
    }
}
