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
/// written (`OutcomeError`).
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

    public static func log(_ attempt: ContactRecords.NewAttempt, details: OutcomeRules.Details, settings: PolicySettings, by actor: String,
                           at now: Date = Date(), on database: any SQLDatabase) async throws -> Logged {
        let steps = try settings.outcomes.steps(for: ContactAttempt(at: attempt.at, channel: attempt.channel, contactPoint: attempt.contactPoint,
                                                                    outcome: attempt.outcome),
                                                details: details, reading: settings.pack.contactRequest)
        let verdict = try await ContactCheck.check(customerId: attempt.customerId,
                                                   ContactRequest(channel: attempt.channel, at: attempt.at, contactPoint: attempt.contactPoint),
                                                   settings: settings, on: database)
        guard let recorded = try await ContactRecords.record(attempt, breach: verdict, by: actor, at: now, on: database) else {
            return Logged(verdict: verdict, recorded: nil, consequences: [])
        }
        var consequences: [Consequence] = []
        let note = "contact outcome \(attempt.outcome.rawValue) (\(attempt.id))"
        for step in steps {
            switch step {
            case .flag(let flag):
                // A request about channels replaces the last one; other flags are set once.
                if flag.kind != .acceptedChannels, try await ContactRecords.hasOpenFlag(flag.kind, customerId: attempt.customerId, on: database) { continue }
                if flag.kind == .acceptedChannels {
                    try await endOpenFlags(.acceptedChannels, customerId: attempt.customerId, before: attempt.at, by: actor, at: now, on: database)
                }
                let id = try await ContactRecords.addFlag(flag, customerId: attempt.customerId, note: note, by: actor, at: now, on: database)
                consequences.append(Consequence(kind: "flag", id: id, detail: flag.kind == .acceptedChannels
                                                ? "accepted_channels: " + ((flag.value ?? "").isEmpty ? "none" : flag.value ?? "") : flag.kind.rawValue))
            case .task(let task):
                guard let id = try await OutcomeTasks.open(task, customerId: attempt.customerId, attemptId: attempt.id, by: actor, at: now,
                                                           on: database) else { continue }
                consequences.append(Consequence(kind: "task", id: id, detail: "\(task.queue)/\(task.kind)"))
            case .appointment(let appointment):
                let id = try await ContactRecords.addAppointment(customerId: attempt.customerId, appointment, by: actor, at: now, on: database)
                consequences.append(Consequence(kind: "appointment", id: id, detail: ContactRecords.timestamp(appointment.startsAt)))
            case .markContactPoint(let point, let outcome):
                try await ContactRecords.markContactPoint(customerId: attempt.customerId, id: point, reason: outcome.rawValue, by: actor, at: now,
                                                          on: database)
                consequences.append(Consequence(kind: "contact_point", id: nil, detail: "\(point): \(outcome.rawValue)"))
            }
        }
        return Logged(verdict: verdict, recorded: recorded, consequences: consequences)
    }

    /// Ends the customer's open flags of `kind` on the day before `instant` (UTC), so that the
    /// new one alone holds.
    private static func endOpenFlags(_ kind: CustomerFlag.Kind, customerId: String, before instant: Date, by actor: String, at now: Date,
                                     on database: any SQLDatabase) async throws {
        let yesterday = LocalMoment(instant, offset: 0).date.adding(days: -1)
        for flag in try await ContactRecords.flags(of: customerId, on: database) where flag.flag == kind.rawValue && flag.endsOn == nil {
            try await ContactRecords.endFlag(flag.id, lastDay: yesterday, by: actor, at: now, on: database)
        }
    }
}
