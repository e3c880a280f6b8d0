import ArrearsCore
import Foundation
import SQLKit

/// Supervisors' quality reviews of contact attempts (`QualityChecks`), the input of the quality
/// score in the collector appraisal (`KPIFigures.qualityScore`, docs/kpis.md). `record` writes
/// and appends to the audit log on the caller's `database`: run it in a transaction.
public enum QualityReviews {
    /// An attempt a supervisor may review: a conversation or a try recorded by a person.
    public struct Attempt: Sendable, Equatable {
        public let id: String
        public let customerId: String
        public let customerName: String
        public let channel: String
        public let outcome: String
        public let attemptedAt: String
        public let recordedBy: String
        public let note: String?
        /// The customer's time zone (IANA id), to show the attempt's time in.
        public let timeZone: String
    }

    /// Why a review was refused.
    public enum ReviewError: Error, Equatable, CustomStringConvertible {
        case unknownContactAttempt(String)
        case alreadyReviewed(String)

        public var description: String {
            switch self {
            case .unknownContactAttempt(let id): "contact_attempt_id: no contact attempt '\(id)'"
            case .alreadyReviewed(let id): "contact_attempt_id: attempt '\(id)' has been reviewed already"
            }
        }
    }

    /// Up to `limit` attempts recorded at or after `since` that no one has reviewed yet, newest
    /// first; only `agentId`'s when given. Messages sent by the system are not attempts of a person.
    public static func awaitingReview(since: Date, agentId: String? = nil, limit: Int, on database: any SQLDatabase) async throws -> [Attempt] {
        var filter: SQLQueryString = ""
        if let agentId { filter += " AND t.recorded_by = \(bind: agentId)" }
        return try await database.raw("""
            SELECT t.id, t.customer_id, c.name, c.time_zone, t.channel, t.outcome, t.attempted_at, t.recorded_by, t.note
            FROM contact_attempts t JOIN customers c ON c.id = t.customer_id
            WHERE t.attempted_at >= \(bind: ContactRecords.timestamp(since)) AND t.outcome <> 'sent'\(filter)
                AND NOT EXISTS (SELECT 1 FROM quality_reviews q WHERE q.contact_attempt_id = t.id)
            ORDER BY t.attempted_at DESC, t.id LIMIT \(bind: limit)
            """).all().map { row in
            Attempt(id: try row.decode(column: "id", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                    customerName: try row.decode(column: "name", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                    outcome: try row.decode(column: "outcome", as: String.self), attemptedAt: try row.decode(column: "attempted_at", as: String.self),
                    recordedBy: try row.decode(column: "recorded_by", as: String.self), note: try row.decode(column: "note", as: String?.self),
                    timeZone: try row.decode(column: "time_zone", as: String.self))
        }
    }

    /// Records `reviewer`'s review of attempt `attemptId`; returns the review's id. Each attempt
    /// is reviewed at most once (a second review is refused, also when both arrive at once).
    @discardableResult
    public static func record(attemptId: String, checks: QualityChecks, note: String?, by reviewer: String, at now: Date,
                              on database: any SQLDatabase) async throws -> String {
        guard let attempt = try await database.raw("SELECT recorded_by FROM contact_attempts WHERE id = \(bind: attemptId)").first() else {
            throw ReviewError.unknownContactAttempt(attemptId)
        }
        let id = "QR-" + UUID().uuidString.lowercased()
        let inserted = try await database.raw("""
            INSERT INTO quality_reviews (id, contact_attempt_id, identity_checked, disclosures_made, respectful_tone, no_threats, correct_outcome,
                points, note, reviewer, reviewed_at)
            VALUES (\(bind: id), \(bind: attemptId), \(bind: checks.identityChecked), \(bind: checks.disclosuresMade), \(bind: checks.respectfulTone),
                \(bind: checks.noThreats), \(bind: checks.correctOutcome), \(bind: checks.points), \(bind: note), \(bind: reviewer),
                \(bind: ContactRecords.timestamp(now)))
            ON CONFLICT (contact_attempt_id) DO NOTHING RETURNING id
            """).all()
        guard !inserted.isEmpty else { throw ReviewError.alreadyReviewed(attemptId) }
        try await AuditLog.append([AuditEvent(actor: reviewer, action: "quality.review", subject: attemptId, details: [
            "review_id": id, "collector": try attempt.decode(column: "recorded_by", as: String.self),
            "points": String(checks.points), "of": String(QualityChecks.maximum),
        ])], at: now, on: database)
        return id
    }
}
