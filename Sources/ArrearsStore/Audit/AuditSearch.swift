import ArrearsCore
import Foundation
import SQLKit

/// What the compliance officer looks for in the audit log: entries by who (`actor`), about whom
/// or what (`subject`), what was done (`action`) and when (`from`...`to`, UTC dates, both
/// included). Empty criteria match everything.
public struct AuditQuery: Sendable, Equatable {
    /// The actor as recorded (`user:zhang`, `cli:ops`), or a username alone (`zhang` finds `user:zhang`).
    public var actor: String?
    public var subject: String?
    public var action: String?
    public var from: LocalDate?
    public var to: LocalDate?

    public init(actor: String? = nil, subject: String? = nil, action: String? = nil, from: LocalDate? = nil, to: LocalDate? = nil) {
        self.actor = actor
        self.subject = subject
        self.action = action
        self.from = from
        self.to = to
    }
}

extension AuditLog {
    /// The entries matching `query`, newest first, before sequence `before` (the next page's
    /// cursor), at most `limit`.
    public static func search(_ query: AuditQuery, before: Int? = nil, limit: Int, on database: any SQLDatabase) async throws -> [AuditEntry] {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: columns) FROM audit_log WHERE \(condition(query))"
        if let before { sql.appendLiteral(" AND sequence < "); sql.appendInterpolation(bind: before) }
        sql.appendLiteral(" ORDER BY sequence DESC LIMIT \(max(0, limit))")
        return try await database.raw(sql).all().map(entry)
    }

    /// How many entries match `query`.
    public static func count(_ query: AuditQuery, on database: any SQLDatabase) async throws -> Int {
        try await database.raw("SELECT COUNT(*) AS n FROM audit_log WHERE \(condition(query))").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The entries matching `query` in sequence order, at most `limit`: an export.
    public static func matching(_ query: AuditQuery, limit: Int, on database: any SQLDatabase) async throws -> [AuditEntry] {
        try await database.raw("""
            SELECT \(unsafeRaw: columns) FROM audit_log WHERE \(condition(query)) ORDER BY sequence LIMIT \(unsafeRaw: String(max(0, limit)))
            """).all().map(entry)
    }

    private static func condition(_ query: AuditQuery) -> SQLQueryString {
        var sql: SQLQueryString = "1 = 1"
        if let actor = query.actor {
            sql.appendLiteral(" AND (actor = "); sql.appendInterpolation(bind: actor)
            sql.appendLiteral(" OR actor = "); sql.appendInterpolation(bind: "user:" + actor); sql.appendLiteral(")")
        }
        if let subject = query.subject { sql.appendLiteral(" AND subject = "); sql.appendInterpolation(bind: subject) }
        if let action = query.action { sql.appendLiteral(" AND action = "); sql.appendInterpolation(bind: action) }
        if let from = query.from { sql.appendLiteral(" AND at >= "); sql.appendInterpolation(bind: from.description) }
        if let to = query.to { sql.appendLiteral(" AND at < "); sql.appendInterpolation(bind: to.adding(days: 1).description) }
        return sql
    }
}
