import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// The moment before a contact: a collector about to dial, a dialler about to call, a system about
/// to send (issue 24). What the pack forbids is a hard stop (`ContactStartError.blocked`), unless
/// the blocking rule says `override: reason_required` and a reason is given: then the contact
/// may go ahead, and the override is stored in `contact_overrides` (who, when, rule, reason) and
/// audited `contact_override`, in the caller's transaction. The override then covers one attempt
/// (`ContactRecords.recordAttempt`): the first the same person records on the same customer and
/// channel within `coverage` of it, which is stored as overridden rather than as a breach.
/// The customer's records and the override are read and kept through `ContactCheckRecords`.
public enum ContactStart {
    /// The longest override reason, in characters.
    public static let maximumReasonLength = 500
    /// How long after an override the contact it allows may be recorded as covered by it.
    public static let coverage = ContactOverride.coverage

    /// A contact allowed to start: the verdict, and the override when one was needed.
    public struct Started: Sendable {
        public let verdict: PolicyDecision
        public let overrideId: String?
    }

    /// Checks `request` for `customerId` and starts it, or throws `ContactStartError`.
    /// `overrideReason` is used only when the pack forbids the contact; nil or blank is none.
    public static func start(customerId: String, _ request: ContactRequest, overrideReason: String?, settings: PolicySettings,
                             by actor: String, at now: Date = Date(), on database: any SQLDatabase) async throws -> Started {
        try await start(customerId: customerId, request, overrideReason: overrideReason, settings: settings, by: actor, at: now,
                        records: SQLContactCheckRecords(database: database))
    }

    /// The same, over `records`.
    public static func start(customerId: String, _ request: ContactRequest, overrideReason: String?, settings: PolicySettings,
                             by actor: String, at now: Date = Date(), records: any ContactCheckRecords) async throws -> Started {
        let reason = try validatedReason(overrideReason)
        let verdict = try await ContactCheck.check(customerId: customerId, request, settings: settings, records: records)
        if verdict.allowed { return Started(verdict: verdict, overrideId: nil) }
        let overridable = settings.pack.allowsOverride(of: verdict)
        guard overridable, let reason, let rule = verdict.rule else {
            throw ContactStartError.blocked(verdict, overridable: overridable)
        }
        let id = "OVR-" + UUID().uuidString.lowercased()
        let contactPoint = request.contactPoint ?? request.channel.defaultContactPoint
        try await records.recordOverride(ContactOverride(id: id, customerId: customerId, channel: request.channel, contactPoint: contactPoint, rule: rule,
                                                         reason: reason, actor: actor, occurredAt: request.at, blockedBecause: verdict.reason ?? ""),
                                         at: now)
        return Started(verdict: verdict, overrideId: id)
    }

    /// The reason trimmed, nil when none was given; `invalidReason` when it is blank or too long.
    static func validatedReason(_ text: String?) throws -> String? {
        guard let text else { return nil }
        let reason = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw ContactStartError.invalidReason("an override reason cannot be blank") }
        guard reason.count <= maximumReasonLength else {
            throw ContactStartError.invalidReason("an override reason is at most \(maximumReasonLength) characters")
        }
        return reason
    }
}

/// Why a contact may not start.
public enum ContactStartError: Error, Equatable, CustomStringConvertible {
    /// The pack forbids it; `overridable` when a reason would let it go ahead.
    case blocked(PolicyDecision, overridable: Bool)
    /// The override reason given is blank or too long.
    case invalidReason(String)

    public var description: String {
        switch self {
        case .blocked(let verdict, let overridable):
            let rule = verdict.rule ?? PolicyPack.unevaluable
            let way = overridable ? "; it may go ahead only with an override reason" : "; the rule allows no override"
            return "blocked by \(rule): \(verdict.reason ?? "")" + way
        case .invalidReason(let message): return "override_reason: \(message)"
        }
    }
}
