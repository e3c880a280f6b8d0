import Foundation

/// What each contact outcome does beyond being recorded (issue 24: outcomes have consequences),
/// as `config/outcomes.yaml` configures it: a flag set on the customer, a task opened in a queue,
/// the customer's request about contact recorded as the pack reads it, an appointment at the time
/// agreed, the contact point marked not to be used again. Pure: `steps` says what to do, the
/// workflow does it in the attempt's transaction.
public struct OutcomeRules: Sendable, Equatable {
    /// The consequences of one outcome; an outcome not configured has none.
    public struct Consequences: Sendable, Equatable {
        /// A flag set on the customer (unless one of its kind is already open).
        public var flag: CustomerFlag.Kind?
        /// A task opened in a queue (unless the same task is already open for the customer).
        public var task: FollowUp?
        /// The outcome is a refusal of contact or a request that it stop, recorded as the pack
        /// reads it (`PolicyPack.contactRequest`); the value says whether a pack that keeps the
        /// channels the customer accepts needs them given.
        public var contactRequest: AcceptedChannels?
        /// A callback: an appointment at `callback_at` for the call back.
        public var appointment: Callback?
        /// The contact point the attempt used is marked not to be used again.
        public var marksContactPoint: Bool

        public init(flag: CustomerFlag.Kind? = nil, task: FollowUp? = nil, contactRequest: AcceptedChannels? = nil, appointment: Callback? = nil,
                    marksContactPoint: Bool = false) {
            self.flag = flag
            self.task = task
            self.contactRequest = contactRequest
            self.appointment = appointment
            self.marksContactPoint = marksContactPoint
        }
    }

    /// A task an outcome opens: the queue that works it (`compliance`, `collections`), what it is
    /// (`dispute_review`, `income_expenditure`) and its title in words.
    public struct FollowUp: Sendable, Equatable {
        public let queue: String
        public let kind: String
        public let title: String

        public init(queue: String, kind: String, title: String) {
            self.queue = queue
            self.kind = kind
            self.title = title
        }
    }

    /// Whether the channels the customer accepts must be given with the outcome, where the pack
    /// keeps them.
    public enum AcceptedChannels: String, Sendable, Equatable, CaseIterable {
        /// Needed: the outcome is the request itself (`cease_request`).
        case required
        /// Recorded when given (a `refusal` may or may not say how the customer will be reached).
        case optional
    }

    /// The appointment a callback makes: `minutes` long from the agreed time, which is at most
    /// `withinDays` after the call.
    public struct Callback: Sendable, Equatable {
        public let minutes: Int
        public let withinDays: Int

        public init(minutes: Int, withinDays: Int) {
            self.minutes = minutes
            self.withinDays = withinDays
        }
    }

    public let outcomes: [ContactAttempt.Outcome: Consequences]

    public init(outcomes: [ContactAttempt.Outcome: Consequences]) {
        self.outcomes = outcomes
    }

    /// No consequences at all (a configuration without `outcomes.yaml`).
    public static let none = OutcomeRules(outcomes: [:])

    public func consequences(of outcome: ContactAttempt.Outcome) -> Consequences { outcomes[outcome] ?? Consequences() }

    /// What the person recording the outcome gives with it.
    public struct Details: Sendable, Equatable {
        /// When the customer agreed to be called back.
        public let callbackAt: Date?
        /// The channels the customer accepts after refusing contact or asking it to stop.
        public let acceptedChannels: Set<ContactChannel>?

        public init(callbackAt: Date? = nil, acceptedChannels: Set<ContactChannel>? = nil) {
            self.callbackAt = callbackAt
            self.acceptedChannels = acceptedChannels
        }
    }

    /// One thing an outcome does.
    public enum Step: Sendable, Equatable {
        case flag(CustomerFlag)
        case task(FollowUp)
        case appointment(Appointment)
        /// Mark the contact point `id` not to be used, because of `outcome`.
        case markContactPoint(id: String, outcome: ContactAttempt.Outcome)
    }

    /// The steps `attempt` calls for under a pack that reads contact requests as `reading`, or
    /// `OutcomeError` naming the field that is missing or does not apply.
    public func steps(for attempt: ContactAttempt, details: Details, reading: ContactRequestReading) throws(OutcomeError) -> [Step] {
        let rules = consequences(of: attempt.outcome)
        let outcome = attempt.outcome.rawValue
        if details.callbackAt != nil, rules.appointment == nil {
            throw .invalid(field: "callback_at", message: "callback_at goes only with an outcome that agrees a callback, not \(outcome)")
        }
        if details.acceptedChannels != nil, rules.contactRequest == nil {
            throw .invalid(field: "accepted_channels", message: "accepted_channels goes only with a refusal of contact or a request to stop it, not \(outcome)")
        }
        var steps: [Step] = []
        if let kind = rules.flag { steps.append(.flag(CustomerFlag(kind: kind))) }
        if let need = rules.contactRequest {
            switch reading {
            case .cease:
                steps.append(.flag(CustomerFlag(kind: .cease)))
            case .acceptedChannels:
                if let accepted = details.acceptedChannels {
                    steps.append(.flag(CustomerFlag(kind: .acceptedChannels, value: accepted.map(\.rawValue).sorted().joined(separator: ","))))
                } else if need == .required {
                    throw .missing(field: "accepted_channels", message: "the pack keeps contact to the channels the customer accepts: "
                                   + "give accepted_channels with \(outcome) (an empty list when the customer accepts none)")
                }
            }
        }
        if let callback = rules.appointment {
            guard let at = details.callbackAt else {
                throw .missing(field: "callback_at", message: "\(outcome) needs callback_at, the time the customer agreed to be called (ISO 8601)")
            }
            guard at > attempt.at, at <= attempt.at.addingTimeInterval(Double(callback.withinDays) * 86_400) else {
                throw .invalid(field: "callback_at", message: "callback_at must be after the contact and within \(callback.withinDays) days of it")
            }
            steps.append(.appointment(Appointment(channel: .call, startsAt: at, endsAt: at.addingTimeInterval(Double(callback.minutes) * 60),
                                                  notifiedAt: attempt.at)))
        }
        if rules.marksContactPoint { steps.append(.markContactPoint(id: attempt.contactPoint, outcome: attempt.outcome)) }
        if let task = rules.task { steps.append(.task(task)) }
        return steps
    }
}

/// Why an outcome's consequences cannot be worked out from what was given with it.
public enum OutcomeError: Error, Equatable, CustomStringConvertible {
    case missing(field: String, message: String)
    case invalid(field: String, message: String)

    public var field: String {
        switch self {
        case .missing(let field, _), .invalid(let field, _): field
        }
    }

    public var description: String {
        switch self {
        case .missing(let field, let message), .invalid(let field, let message): "\(field): \(message)"
        }
    }
}
