import ArrearsCore
import Foundation
import SQLKit

/// Every contact made against the pack (issue 24), as the compliance officer and the supervisor
/// see them: the breaches (attempts recorded with `breached_rule`, which happened though the pack
/// forbade them) and the overrides (contacts a person started with a reason where the rule
/// allowed one). Dates are the customer's local dates, so "the breaches of 24 November" are those
/// made on 24 November where the customer lives.
public enum ContactExceptions {
    /// One breach or override.
    public struct Line: Sendable, Equatable {
        public enum Kind: String, Sendable { case breach, override }

        /// The contact's moment, UTC (`2026-11-23T22:57:00Z`).
        public let occurredAt: String
        /// The same moment on the customer's clock, with its offset (`2026-11-24T06:57:00+08:00`).
        public let localTime: String
        public let localDate: LocalDate
        /// The customer's offset from UTC at that moment, in seconds east.
        public let offset: Int
        public let customerId: String
        public let channel: String
        public let rule: String
        /// Who made or recorded the contact (`user:collector-1`, `cli`).
        public let actor: String
        public let kind: Kind
        /// For an override, the reason typed; for a breach, the pack's reason it was one.
        public let reason: String
        /// The attempt's or the override's id.
        public let id: String
    }

    /// The breaches and overrides whose customer-local date is within `from`...`to`, in time
    /// order (then breaches before overrides, then by id).
    public static func list(from: LocalDate, to: LocalDate, on database: any SQLDatabase) async throws -> [Line] {
        guard from <= to else { return [] }
        // Every zone is within a day of UTC: the statement reads a day either side, the local
        // dates decide.
        let earliest = LocalMoment.instant(from.adding(days: -1), minute: 0, in: utc)
        let latest = LocalMoment.instant(to.adding(days: 2), minute: 0, in: utc)
        return try await lines(between: earliest, and: latest, on: database).filter { from <= $0.localDate && $0.localDate <= to }
    }

    /// The breaches and overrides made on each customer's own today at `now`: what the supervisor
    /// sees the same day.
    public static func today(at now: Date, on database: any SQLDatabase) async throws -> [Line] {
        try await lines(between: now.addingTimeInterval(-2 * 86_400), and: now.addingTimeInterval(2 * 86_400), on: database)
            .filter { $0.localDate == LocalMoment(now, offset: $0.offset).date }
    }

    private static let utc = TimeZone(identifier: "UTC") ?? TimeZone.current

    private static func lines(between earliest: Date, and latest: Date, on database: any SQLDatabase) async throws -> [Line] {
        let (low, high) = (ContactRecords.timestamp(earliest), ContactRecords.timestamp(latest))
        let rows = try await database.raw("""
            SELECT 'breach' AS kind, a.id AS id, a.attempted_at AS occurred_at, a.customer_id AS customer_id, a.channel AS channel,
                   a.breached_rule AS rule, a.recorded_by AS actor, a.breach_reason AS reason, c.time_zone AS time_zone
            FROM contact_attempts a LEFT JOIN customers c ON c.id = a.customer_id
            WHERE a.breached_rule IS NOT NULL AND a.attempted_at >= \(bind: low) AND a.attempted_at < \(bind: high)
            UNION ALL
            SELECT 'override', o.id, o.occurred_at, o.customer_id, o.channel, o.rule, o.actor, o.reason, c.time_zone
            FROM contact_overrides o LEFT JOIN customers c ON c.id = o.customer_id
            WHERE o.occurred_at >= \(bind: low) AND o.occurred_at < \(bind: high)
            ORDER BY occurred_at, kind, id
            """).all()
        return try rows.compactMap { row in
            let occurredText = try row.decode(column: "occurred_at", as: String.self)
            guard let occurred = ContactRecords.date(occurredText),
                  let kind = Line.Kind(rawValue: try row.decode(column: "kind", as: String.self)) else { return nil }
            // A customer without a known zone is shown on UTC's clock, as the pack could not judge it either.
            let zone = try row.decode(column: "time_zone", as: String?.self).flatMap { TimeZones.shared.zone($0) } ?? utc
            let moment = LocalMoment(occurred, in: zone)
            return Line(occurredAt: occurredText, localTime: localTime(moment), localDate: moment.date, offset: moment.offset,
                        customerId: try row.decode(column: "customer_id", as: String.self), channel: try row.decode(column: "channel", as: String.self),
                        rule: try row.decode(column: "rule", as: String.self), actor: try row.decode(column: "actor", as: String.self), kind: kind,
                        reason: try row.decode(column: "reason", as: String?.self) ?? "", id: try row.decode(column: "id", as: String.self))
        }
    }

    /// `2026-11-24T06:57:00+08:00`: the local date and time to the second, and the offset.
    static func localTime(_ moment: LocalMoment) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let second = Int(moment.instant.timeIntervalSince1970.rounded(.down)) % 60
        let offset = abs(moment.offset) / 60
        return "\(moment.date)T\(two(moment.minuteOfDay / 60)):\(two(moment.minuteOfDay % 60)):\(two((second + 60) % 60))"
            + (moment.offset < 0 ? "-" : "+") + "\(two(offset / 60)):\(two(offset % 60))"
    }
}
