import ArrearsCore
import Foundation
import SQLKit

/// What the compliance officer's console lists besides the day's breaches and overrides
/// (`ContactExceptions`) and the open complaints (`ComplaintHandling`): the actions the policy
/// pack blocked on the latest business date, with the rule that blocked each, and the flags in
/// force on a day; and, for any of these, the customer's open case, which the console links to.
public enum ComplianceWatch {
    /// An action the daily run decided and the pack refused.
    public struct BlockedAction: Sendable, Equatable {
        public let caseId: String
        public let customerId: String
        public let customerName: String
        public let treatment: String
        public let channel: String
        /// The pack's rule id; nil for actions blocked before rules were recorded.
        public let rule: String?
        public let reason: String
        /// When the rule would next allow it (UTC), when it says.
        public let nextAllowedAt: String?
    }

    /// How many actions one rule blocked; the rule is empty when none was recorded.
    public struct RuleCount: Sendable, Equatable {
        public let rule: String
        public let count: Int
    }

    /// The blocked actions of a period of business dates: how many each rule blocked, and the
    /// first of them (of one rule, when a rule was chosen).
    public struct Blocked: Sendable, Equatable {
        /// The latest business date with actions; nil before the first daily run.
        public let businessDate: String?
        /// The first and last business dates counted (both `businessDate` for the latest alone).
        public var from: String? = nil
        public var to: String? = nil
        /// Most blocked first.
        public let byRule: [RuleCount]
        public let actions: [BlockedAction]
    }

    /// A flag in force, with its customer and their open case (nil when none is open).
    public struct ActiveFlag: Sendable, Equatable {
        public let flag: RecordedFlag
        public let customerId: String
        public let customerName: String
        public let caseId: String?
    }

    /// The blocked actions of the latest business date that has actions: the counts by rule and
    /// at most `limit` of them, by rule then case.
    public static func latestBlocked(limit: Int, on database: any SQLDatabase) async throws -> Blocked {
        guard let day = try await latestBusinessDate(on: database) else {
            return Blocked(businessDate: nil, byRule: [], actions: [])
        }
        return try await blocked(from: day, to: day, rule: nil, limit: limit, on: database)
    }

    /// The latest published business date the daily run decided actions for (a day run in
    /// partitions counts once its final step published it); nil before the first run.
    public static func latestBusinessDate(on database: any SQLDatabase) async throws -> LocalDate? {
        let latest = try await database.raw("SELECT MAX(business_date) AS day FROM actions WHERE NOT \(unsafeRaw: DayPartitions.unpublished("business_date"))").first()
        return try (latest?.decode(column: "day", as: String?.self) ?? nil).flatMap { LocalDate(iso: $0) }
    }

    /// The blocked actions of the business dates `from`...`to` (both included): the counts by
    /// rule, and at most `limit` of them (only `rule`'s when given; `""` for those without a
    /// recorded rule), by business date, rule and case.
    public static func blocked(from: LocalDate, to: LocalDate, rule: String?, limit: Int, on database: any SQLDatabase) async throws -> Blocked {
        let latest = try await latestBusinessDate(on: database)
        let (low, high) = (from.description, to.description)
        let counts = try await database.raw("""
            SELECT COALESCE(rule, '') AS rule, COUNT(*) AS blocked FROM actions
            WHERE business_date >= \(bind: low) AND business_date <= \(bind: high) AND status = 'blocked'
            GROUP BY COALESCE(rule, '') ORDER BY blocked DESC, rule
            """).all().map { RuleCount(rule: try $0.decode(column: "rule", as: String.self), count: try $0.decode(column: "blocked", as: Int.self)) }
        var query: SQLQueryString = """
            SELECT a.case_id, a.customer_id, c.name, a.treatment, a.channel, a.rule, a.reason, a.next_allowed_at
            FROM actions a JOIN customers c ON c.id = a.customer_id
            WHERE a.business_date >= \(bind: low) AND a.business_date <= \(bind: high) AND a.status = 'blocked'
            """
        if let rule { query.appendLiteral(" AND COALESCE(a.rule, '') = "); query.appendInterpolation(bind: rule) }
        query.appendLiteral(" ORDER BY a.business_date, a.rule, a.case_id LIMIT \(max(0, limit))")
        let actions = try await database.raw(query).all().map { row in
            BlockedAction(caseId: try row.decode(column: "case_id", as: String.self), customerId: try row.decode(column: "customer_id", as: String.self),
                          customerName: try row.decode(column: "name", as: String.self), treatment: try row.decode(column: "treatment", as: String.self),
                          channel: try row.decode(column: "channel", as: String.self), rule: try row.decode(column: "rule", as: String?.self),
                          reason: try row.decode(column: "reason", as: String.self), nextAllowedAt: try row.decode(column: "next_allowed_at", as: String?.self))
        }
        return Blocked(businessDate: latest?.description, from: low, to: high, byRule: counts, actions: actions)
    }

    /// The flags in force on `day` (started by then, or open-ended, and not ended before it), at
    /// most `limit`, by customer then flag.
    public static func activeFlags(on day: LocalDate, limit: Int, on database: any SQLDatabase) async throws -> [ActiveFlag] {
        let date = day.description
        return try await database.raw("""
            SELECT f.id, f.flag, f.channel, f.value, f.starts_on, f.ends_on, f.note, f.customer_id, c.name, k.id AS case_id
            FROM customer_flags f JOIN customers c ON c.id = f.customer_id
            LEFT JOIN cases k ON k.customer_id = f.customer_id AND k.status = 'open'
            WHERE (f.starts_on IS NULL OR f.starts_on <= \(bind: date)) AND (f.ends_on IS NULL OR f.ends_on >= \(bind: date))
            ORDER BY f.customer_id, f.flag, f.id LIMIT \(unsafeRaw: String(max(0, limit)))
            """).all().map { row in
            ActiveFlag(flag: RecordedFlag(id: try row.decode(column: "id", as: String.self), flag: try row.decode(column: "flag", as: String.self),
                                          channel: try row.decode(column: "channel", as: String?.self), value: try row.decode(column: "value", as: String?.self),
                                          startsOn: try row.decode(column: "starts_on", as: String?.self), endsOn: try row.decode(column: "ends_on", as: String?.self),
                                          note: try row.decode(column: "note", as: String?.self)),
                       customerId: try row.decode(column: "customer_id", as: String.self), customerName: try row.decode(column: "name", as: String.self),
                       caseId: try row.decode(column: "case_id", as: String?.self))
        }
    }

    /// The open case of each of `customerIds` that has one (at most one each: `CreateCases`).
    public static func openCases(of customerIds: Set<String>, on database: any SQLDatabase) async throws -> [String: String] {
        guard !customerIds.isEmpty else { return [:] }
        var query: SQLQueryString = "SELECT id, customer_id FROM cases WHERE status = 'open' AND customer_id IN ("
        for (index, id) in customerIds.sorted().enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: id)
        }
        query.appendLiteral(")")
        var cases: [String: String] = [:]
        for row in try await database.raw(query).all() {
            cases[try row.decode(column: "customer_id", as: String.self)] = try row.decode(column: "id", as: String.self)
        }
        return cases
    }
}
