import ArrearsCore
import Foundation
import SQLKit

/// Satisfaction ratings and complaints in the database, the inputs of the satisfaction and
/// complaint-rate KPIs. Each function validates its input, writes, and appends to the audit log
/// on the caller's `database`: run it in a transaction (`Store.transaction`) so that the change
/// and its audit entry commit together.
public enum Feedback {
    /// The ratings a customer may give.
    public static let ratings = 1...5

    /// Records the customer's rating (1–5) of a right-party contact; returns the rating's id.
    /// Each attempt is rated at most once.
    @discardableResult
    public static func rate(attemptId: String, rating: Int, comment: String?, ratedAt: Date, by actor: String, at now: Date = Date(),
                            on database: any SQLDatabase) async throws -> String {
        guard ratings.contains(rating) else {
            throw FeedbackError.invalid(field: "rating", message: "\(rating) is not a rating from 1 to 5")
        }
        guard let attempt = try await database.raw("SELECT customer_id, outcome FROM contact_attempts WHERE id = \(bind: attemptId)").first() else {
            throw FeedbackError.unknownContactAttempt(attemptId)
        }
        let outcome = try attempt.decode(column: "outcome", as: String.self)
        guard ContactAttempt.Outcome(rawValue: outcome)?.isConversation == true else {
            throw FeedbackError.notRightPartyContact(attemptId: attemptId, outcome: outcome)
        }
        if try await isRated(attemptId: attemptId, on: database) {
            throw FeedbackError.alreadyRated(attemptId: attemptId)
        }
        let customerId = try attempt.decode(column: "customer_id", as: String.self)
        let id = "RATE-" + UUID().uuidString.lowercased()
        // Rated at once twice: the unique attempt id lets one in (on PostgreSQL the second waits).
        let inserted = try await database.raw("""
            INSERT INTO satisfaction_ratings (id, contact_attempt_id, customer_id, rating, rated_at, comment)
            VALUES (\(bind: id), \(bind: attemptId), \(bind: customerId), \(bind: rating), \(bind: ContactRecords.timestamp(ratedAt)), \(bind: comment))
            ON CONFLICT (contact_attempt_id) DO NOTHING RETURNING id
            """).all()
        guard !inserted.isEmpty else { throw FeedbackError.alreadyRated(attemptId: attemptId) }
        try await AuditLog.append([AuditEvent(actor: actor, action: "satisfaction_rated", subject: customerId, details: [
            "rating_id": id, "contact_attempt_id": attemptId, "rating": String(rating),
        ])], at: now, on: database)
        return id
    }

    /// Whether the contact attempt has been rated (the rating link then says so instead of asking again).
    public static func isRated(attemptId: String, on database: any SQLDatabase) async throws -> Bool {
        try await database.raw("SELECT 1 AS found FROM satisfaction_ratings WHERE contact_attempt_id = \(bind: attemptId)").first() != nil
    }

    /// The language of the customer a contact attempt reached, in which the rating link's page
    /// speaks (a language Arrears does not know reads as the default); nil when there is no such attempt.
    public static func language(ofAttempt attemptId: String, on database: any SQLDatabase) async throws -> Language? {
        let row = try await database.raw("""
            SELECT c.language FROM contact_attempts a JOIN customers c ON c.id = a.customer_id WHERE a.id = \(bind: attemptId)
            """).first()
        return try row.map { Language(rawValue: try $0.decode(column: "language", as: String.self)) ?? .default }
    }

    /// Logs a complaint as open; returns its id. The case, when given, must be the customer's.
    @discardableResult
    public static func openComplaint(_ complaint: NewComplaint, by actor: String, at now: Date = Date(), on database: any SQLDatabase) async throws -> String {
        guard (1...64).contains(complaint.category.count) else {
            throw FeedbackError.invalid(field: "category", message: "needs 1 to 64 characters")
        }
        guard try await database.raw("SELECT 1 AS found FROM customers WHERE id = \(bind: complaint.customerId)").first() != nil else {
            throw FeedbackError.unknownCustomer(complaint.customerId)
        }
        if let caseId = complaint.caseId, try await database.raw("""
            SELECT 1 AS found FROM cases WHERE id = \(bind: caseId) AND customer_id = \(bind: complaint.customerId)
            """).first() == nil {
            throw FeedbackError.unknownCase(caseId)
        }
        let id = "CMPL-" + UUID().uuidString.lowercased()
        try await database.raw("""
            INSERT INTO complaints (id, customer_id, case_id, channel, category, status, description, opened_at, recorded_by)
            VALUES (\(bind: id), \(bind: complaint.customerId), \(bind: complaint.caseId), \(bind: complaint.channel.rawValue),
                    \(bind: complaint.category), 'open', \(bind: complaint.description), \(bind: ContactRecords.timestamp(complaint.openedAt)), \(bind: actor))
            """).run()
        var details = ["complaint_id": id, "channel": complaint.channel.rawValue, "category": complaint.category]
        details["case_id"] = complaint.caseId
        try await AuditLog.append([AuditEvent(actor: actor, action: "complaint_opened", subject: complaint.customerId, details: details)],
                                  at: now, on: database)
        return id
    }

    /// Resolves an open complaint with what was done about it.
    public static func resolveComplaint(_ id: String, resolution: String, resolvedAt: Date, by actor: String, at now: Date = Date(),
                                        on database: any SQLDatabase) async throws {
        guard !resolution.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw FeedbackError.invalid(field: "resolution", message: "say how the complaint was resolved")
        }
        guard let row = try await database.raw("SELECT customer_id, status, opened_at FROM complaints WHERE id = \(bind: id)").first() else {
            throw FeedbackError.unknownComplaint(id)
        }
        guard try row.decode(column: "status", as: String.self) == "open" else { throw FeedbackError.complaintAlreadyResolved(id) }
        let resolved = ContactRecords.timestamp(resolvedAt)
        guard resolved >= (try row.decode(column: "opened_at", as: String.self)) else {
            throw FeedbackError.invalid(field: "resolved_at", message: "\(resolved) is before the complaint was opened")
        }
        // Resolved twice at once: on PostgreSQL the second update waits for the first and then
        // finds the complaint resolved.
        let updated = try await database.raw("""
            UPDATE complaints SET status = 'resolved', resolution = \(bind: resolution), resolved_at = \(bind: resolved)
            WHERE id = \(bind: id) AND status = 'open' RETURNING id
            """).all()
        guard !updated.isEmpty else { throw FeedbackError.complaintAlreadyResolved(id) }
        try await AuditLog.append([AuditEvent(actor: actor, action: "complaint_resolved", subject: try row.decode(column: "customer_id", as: String.self),
                                              details: ["complaint_id": id, "resolved_at": resolved])], at: now, on: database)
    }
}
