import ArrearsCore
import Foundation
import SQLKit

/// Complaints as the workbench handles them: opening one also flags the customer `complaint`,
/// so that the policy pack's `universal.complaint` rule stops calls, visits and legal steps at
/// once; resolving the last open one ends the flag after the day of resolution. Each is one
/// transaction with its audit entries.
public enum ComplaintHandling {
    /// A complaint as listed.
    public struct Listed: Sendable, Codable, Equatable {
        public let id: String
        public let customerId: String
        public let caseId: String?
        public let channel: String
        public let category: String
        public let status: String
        public let description: String?
        public let resolution: String?
        public let openedAt: String
        public let resolvedAt: String?
        public let recordedBy: String
        /// The username handling it; nil until assigned.
        public let assignedTo: String?
    }

    public static func open(_ complaint: NewComplaint, by actor: String, at now: Date = Date(), on database: any SQLDatabase) async throws -> String {
        let id = try await Feedback.openComplaint(complaint, by: actor, at: now, on: database)
        let day = LocalDate(utcDayOf: complaint.openedAt)
        _ = try await ContactRecords.addFlag(CustomerFlag(kind: .complaint, from: day), customerId: complaint.customerId,
                                             note: "complaint \(id)", by: actor, at: now, on: database)
        return id
    }

    public static func resolve(_ id: String, resolution: String, resolvedAt: Date, by actor: String, at now: Date = Date(),
                               on database: any SQLDatabase) async throws {
        try await Feedback.resolveComplaint(id, resolution: resolution, resolvedAt: resolvedAt, by: actor, at: now, on: database)
        let customer = try await database.raw("SELECT customer_id FROM complaints WHERE id = \(bind: id)").first()!
            .decode(column: "customer_id", as: String.self)
        guard try await database.raw("SELECT 1 AS found FROM complaints WHERE customer_id = \(bind: customer) AND status = 'open'").first() == nil else { return }
        let day = LocalDate(utcDayOf: resolvedAt)
        for row in try await database.raw("""
            SELECT id FROM customer_flags WHERE customer_id = \(bind: customer) AND flag = 'complaint'
              AND (ends_on IS NULL OR ends_on > \(bind: day.description))
            """).all() {
            try await ContactRecords.endFlag(try row.decode(column: "id", as: String.self), lastDay: day, by: actor, at: now, on: database)
        }
    }

    /// Hands the open complaint `id` to the user `username` (an active user of any role) to
    /// handle; audited `complaint_assigned` with who had it before.
    public static func assign(_ id: String, to username: String, by actor: String, at now: Date = Date(), on database: any SQLDatabase) async throws {
        guard try await database.raw("SELECT 1 AS found FROM users WHERE username = \(bind: username) AND active = \(bind: true)").first() != nil else {
            throw FeedbackError.invalid(field: "assigned_to", message: "there is no active user '\(username)'")
        }
        guard let row = try await database.raw("SELECT customer_id, status, assigned_to FROM complaints WHERE id = \(bind: id)").first() else {
            throw FeedbackError.unknownComplaint(id)
        }
        guard try row.decode(column: "status", as: String.self) == "open" else { throw FeedbackError.complaintAlreadyResolved(id) }
        try await database.raw("UPDATE complaints SET assigned_to = \(bind: username) WHERE id = \(bind: id)").run()
        try await AuditLog.append([AuditEvent(actor: actor, action: "complaint_assigned", subject: try row.decode(column: "customer_id", as: String.self),
                                              details: ["complaint_id": id, "assigned_to": username,
                                                        "assigned_before": try row.decode(column: "assigned_to", as: String?.self) ?? ""])],
                                  at: now, on: database)
    }

    /// Complaints with `status` (all when nil) in id order after `cursor`, at most `limit`.
    public static func list(status: String?, after cursor: String?, limit: Int, on database: any SQLDatabase) async throws -> [Listed] {
        var query: SQLQueryString = "SELECT * FROM complaints WHERE 1 = 1"
        if let status { query.appendInterpolation(unsafeRaw: " AND status = "); query.appendInterpolation(bind: status) }
        if let cursor { query.appendInterpolation(unsafeRaw: " AND id > "); query.appendInterpolation(bind: cursor) }
        query.appendInterpolation(unsafeRaw: " ORDER BY id LIMIT \(limit)")
        return try await database.raw(query).all().map { row in
            Listed(id: try row.decode(column: "id", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                   caseId: try row.decode(column: "case_id", as: String?.self), channel: try row.decode(column: "channel", as: String.self),
                   category: try row.decode(column: "category", as: String.self), status: try row.decode(column: "status", as: String.self),
                   description: try row.decode(column: "description", as: String?.self), resolution: try row.decode(column: "resolution", as: String?.self),
                   openedAt: try row.decode(column: "opened_at", as: String.self), resolvedAt: try row.decode(column: "resolved_at", as: String?.self),
                   recordedBy: try row.decode(column: "recorded_by", as: String.self), assignedTo: try row.decode(column: "assigned_to", as: String?.self))
        }
    }
}
