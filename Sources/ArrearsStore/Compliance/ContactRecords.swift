import ArrearsCore
import Foundation
import SQLKit

/// The records the policy pack checks contacts against, in the database: flags, contact points,
/// attempts and agreed times. Every change is audited in its own transaction.
public enum ContactRecords {
    /// Times as every table stores them (`OutboxTimestamp`): ISO 8601 UTC to the second, so that
    /// text order is time order on both databases.
    public static func timestamp(_ date: Date) -> String { OutboxTimestamp.text(date) }
    public static func date(_ text: String) -> Date? { OutboxTimestamp.date(text) }

    /// An instant as people and other systems give it (`UTCTimestamp.instant`: ISO 8601 with
    /// any offset, dated within `LocalDate.supportedRange`).
    public static func instant(_ text: String) -> Date? { UTCTimestamp.instant(text) }

    // MARK: Reading

    /// Everything the pack needs about `customerId` for a contact at `instant`, or nil when there
    /// is no such customer.
    /// The standing of each customer in `customerIds` at `instant` (absent: no such customer),
    /// read with two statements whatever their number: a queue judges its page at once.
    public static func standings(of customerIds: [String], at instant: Date, lookbackDays: Int,
                                 on database: any SQLDatabase) async throws -> [String: CustomerStanding] {
        let unique = Array(Set(customerIds)).sorted()
        guard !unique.isEmpty else { return [:] }
        var query: SQLQueryString = "SELECT id, time_zone, mobile, email, address FROM customers WHERE id IN ("
        for (index, id) in unique.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: id)
        }
        query.appendLiteral(")")
        let rows = try await database.raw(query).all()
        let records = try await load(customerIds: unique, around: instant, lookbackDays: lookbackDays, on: database)
        var standings: [String: CustomerStanding] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: String.self)
            let own = OwnContactPoints(mobile: try row.decode(column: "mobile", as: String?.self) != nil,
                                       email: try row.decode(column: "email", as: String?.self) != nil,
                                       address: try row.decode(column: "address", as: String?.self) != nil)
            standings[id] = records.standing(of: id, timeZone: TimeZones.shared.zone(try row.decode(column: "time_zone", as: String.self)), own: own)
        }
        return standings
    }

    public static func standing(of customerId: String, at instant: Date, lookbackDays: Int, on database: any SQLDatabase) async throws -> CustomerStanding? {
        guard let row = try await database.raw("""
            SELECT time_zone, mobile, email, address FROM customers WHERE id = \(bind: customerId)
            """).first() else { return nil }
        let own = OwnContactPoints(mobile: try row.decode(column: "mobile", as: String?.self) != nil,
                                   email: try row.decode(column: "email", as: String?.self) != nil,
                                   address: try row.decode(column: "address", as: String?.self) != nil)
        let records = try await load(customerId: customerId, around: instant, lookbackDays: lookbackDays, on: database)
        return records.standing(of: customerId, timeZone: TimeZones.shared.zone(try row.decode(column: "time_zone", as: String.self)), own: own)
    }

    /// Which of the customer's own contact points are on file.
    public struct OwnContactPoints: Sendable {
        public let mobile: Bool
        public let email: Bool
        public let address: Bool

        public init(mobile: Bool, email: Bool, address: Bool) {
            self.mobile = mobile
            self.email = email
            self.address = address
        }
    }

    /// The flags, extra contact points, recent attempts and appointments of many customers at
    /// once, grouped by customer; customers with none of them are absent.
    public struct Loaded: Sendable {
        var flags: [String: [CustomerFlag]] = [:]
        var points: [String: [ContactPoint]] = [:]
        var attempts: [String: [ContactAttempt]] = [:]
        var appointments: [String: [Appointment]] = [:]

        /// Records grouped by customer id.
        public init(flags: [String: [CustomerFlag]] = [:], points: [String: [ContactPoint]] = [:], attempts: [String: [ContactAttempt]] = [:],
                    appointments: [String: [Appointment]] = [:]) {
            self.flags = flags
            self.points = points
            self.attempts = attempts
            self.appointments = appointments
        }

        public func standing(of customerId: String, timeZone: TimeZone?, own: OwnContactPoints) -> CustomerStanding {
            var contactPoints: [String: ContactPoint] = [:]
            if own.mobile { contactPoints[ContactPoint.mobile] = ContactPoint(id: ContactPoint.mobile, kind: .own) }
            if own.email { contactPoints[ContactPoint.email] = ContactPoint(id: ContactPoint.email, kind: .own) }
            if own.address { contactPoints[ContactPoint.address] = ContactPoint(id: ContactPoint.address, kind: .own) }
            for point in points[customerId] ?? [] where point.kind != .own || contactPoints[point.id] != nil {
                contactPoints[point.id] = point
            }
            return CustomerStanding(customerId: customerId, timeZone: timeZone, flags: flags[customerId] ?? [], contactPoints: contactPoints,
                                    appointments: appointments[customerId] ?? [], attempts: attempts[customerId] ?? [])
        }
    }

    /// Loads the records for one customer, or for all (`customerId` nil), that matter around
    /// `instant`: flags not ended before the day before, attempts of the last `lookbackDays`,
    /// appointments not over nor cancelled.
    public static func load(customerId: String?, around instant: Date, lookbackDays: Int, on database: any SQLDatabase) async throws -> Loaded {
        try await load(customerIds: customerId.map { [$0] }, around: instant, lookbackDays: lookbackDays, on: database)
    }

    /// The records of the customers in `customerIds` (of everyone when nil), in one statement.
    public static func load(customerIds: [String]?, around instant: Date, lookbackDays: Int, on database: any SQLDatabase) async throws -> Loaded {
        try await load(customerIds: customerIds, partition: nil, around: instant, lookbackDays: lookbackDays, on: database)
    }

    /// The records of the customers of partition `part` of the partitioned day `day`
    /// (`DayPartitions`), in one statement: a partition's worker holds only its own customers'.
    public static func load(partition part: Int, of day: LocalDate, around instant: Date, lookbackDays: Int,
                            on database: any SQLDatabase) async throws -> Loaded {
        try await load(customerIds: nil, partition: (day, part), around: instant, lookbackDays: lookbackDays, on: database)
    }

    private static func load(customerIds: [String]?, partition: (day: LocalDate, part: Int)?, around instant: Date, lookbackDays: Int,
                             on database: any SQLDatabase) async throws -> Loaded {
        var loaded = Loaded()
        if customerIds?.isEmpty == true { return loaded }
        func filter() -> SQLQueryString {
            if let partition { return "\(unsafeRaw: DayPartitions.members("customer_id", day: partition.day.description, part: partition.part))" }
            guard let customerIds else { return "1 = 1" }
            var query: SQLQueryString = "customer_id IN ("
            for (index, id) in customerIds.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: id)
            }
            query.appendLiteral(")")
            return query
        }
        let dayBefore = LocalMoment(instant, offset: 0).date.adding(days: -2).description
        let since = timestamp(instant.addingTimeInterval(-Double(lookbackDays + 1) * 86_400))
        let appointmentsFrom = timestamp(instant.addingTimeInterval(-86_400))
        // One statement for the four kinds of record: `check-contact` answers in one round trip.
        var query: SQLQueryString = "SELECT 'flag' AS record, customer_id, flag AS a, channel AS b, value AS c, starts_on AS d, ends_on AS e FROM customer_flags WHERE "
        query.appendInterpolation(filter())
        query.appendLiteral(" AND (ends_on IS NULL OR ends_on >= ")
        query.appendInterpolation(bind: dayBefore)
        query.appendLiteral(") UNION ALL SELECT 'point', customer_id, id, kind, CAST(valid AS TEXT), invalid_reason, NULL FROM contact_points WHERE ")
        query.appendInterpolation(filter())
        query.appendLiteral(" UNION ALL SELECT 'attempt', customer_id, channel, contact_point, attempted_at, outcome, NULL FROM contact_attempts WHERE ")
        query.appendInterpolation(filter())
        query.appendLiteral(" AND attempted_at >= ")
        query.appendInterpolation(bind: since)
        query.appendLiteral(" UNION ALL SELECT 'appointment', customer_id, channel, starts_at, ends_at, notified_at, NULL FROM contact_appointments WHERE ")
        query.appendInterpolation(filter())
        query.appendLiteral(" AND cancelled_at IS NULL AND ends_at >= ")
        query.appendInterpolation(bind: appointmentsFrom)
        for row in try await database.raw(query).all() {
            let customer = try row.decode(column: "customer_id", as: String.self)
            let a = try row.decode(column: "a", as: String?.self) ?? "", b = try row.decode(column: "b", as: String?.self)
            let c = try row.decode(column: "c", as: String?.self), d = try row.decode(column: "d", as: String?.self)
            switch try row.decode(column: "record", as: String.self) {
            case "flag":
                guard let kind = CustomerFlag.Kind(rawValue: a) else { continue }
                loaded.flags[customer, default: []].append(CustomerFlag(
                    kind: kind, channel: b.flatMap(ContactChannel.init(rawValue:)), from: d.flatMap(LocalDate.init(iso:)),
                    until: try row.decode(column: "e", as: String?.self).flatMap(LocalDate.init(iso:)), value: c))
            case "point":
                guard let kind = ContactPoint.Kind(rawValue: b ?? "") else { continue }
                loaded.points[customer, default: []].append(ContactPoint(id: a, kind: kind, valid: c != "0", invalidReason: d))
            case "attempt":
                guard let channel = ContactChannel(rawValue: a), let outcome = ContactAttempt.Outcome(rawValue: d ?? ""),
                      let at = c.flatMap(date) else { continue }
                loaded.attempts[customer, default: []].append(ContactAttempt(at: at, channel: channel, contactPoint: b ?? "", outcome: outcome))
            default:
                guard let channel = ContactChannel(rawValue: a), let starts = b.flatMap(date), let ends = c.flatMap(date) else { continue }
                loaded.appointments[customer, default: []].append(Appointment(channel: channel, startsAt: starts, endsAt: ends, notifiedAt: d.flatMap(date)))
            }
        }
        return loaded
    }

    // MARK: Writing

    /// Records `flag` on a customer; returns its id.
    @discardableResult
    public static func addFlag(_ flag: CustomerFlag, customerId: String, note: String?, by actor: String, at now: Date = Date(),
                               on database: any SQLDatabase) async throws -> String {
        try await requireCustomer(customerId, on: database)
        if flag.kind == .preferredChannel, ContactChannel(rawValue: flag.value ?? "") == nil {
            throw ContactRecordError.invalid(field: "value", message: "a preferred channel needs the channel as value (call, sms, email, ...)")
        }
        if flag.kind == .preferredHours, ClockWindow(flag.value ?? "") == nil {
            throw ContactRecordError.invalid(field: "value", message: "preferred hours need the hours as value, HH:MM-HH:MM")
        }
        if flag.kind == .acceptedChannels,
           let unknown = (flag.value ?? "").split(separator: ",").first(where: { ContactChannel(rawValue: String($0)) == nil }) {
            throw ContactRecordError.invalid(field: "value", message: "accepted channels are a comma-separated list of channels (call, sms, email, ...), not '\(unknown)'")
        }
        if let from = flag.from, let until = flag.until, until < from {
            throw ContactRecordError.invalid(field: "until", message: "\(until) is before \(from)")
        }
        let id = "FLAG-" + UUID().uuidString.lowercased()
        try await database.raw("""
            INSERT INTO customer_flags (id, customer_id, flag, channel, value, starts_on, ends_on, note, recorded_at, recorded_by)
            VALUES (\(bind: id), \(bind: customerId), \(bind: flag.kind.rawValue), \(bind: flag.channel?.rawValue), \(bind: flag.value),
                    \(bind: flag.from?.description), \(bind: flag.until?.description), \(bind: note), \(bind: timestamp(now)), \(bind: actor))
            """).run()
        var details = ["flag_id": id, "flag": flag.kind.rawValue]
        details["channel"] = flag.channel?.rawValue
        details["from"] = flag.from?.description
        details["until"] = flag.until?.description
        details["value"] = flag.value
        try await AuditLog.append([AuditEvent(actor: actor, action: "flag_added", subject: customerId, details: details)], at: now, on: database)
        return id
    }

    /// Every flag recorded on `customerId` in the order they were recorded: ended or not, or with
    /// `holdingOn`, those that have not ended before that day.
    public static func flags(of customerId: String, holdingOn day: LocalDate? = nil, on database: any SQLDatabase) async throws -> [RecordedFlag] {
        let notEnded: SQLQueryString = day.map { " AND (ends_on IS NULL OR ends_on >= \(bind: $0.description))" } ?? ""
        return try await database.raw("""
            SELECT id, flag, channel, value, starts_on, ends_on, note FROM customer_flags
            WHERE customer_id = \(bind: customerId)\(notEnded) ORDER BY recorded_at, id
            """).all().map { row in
            RecordedFlag(id: try row.decode(column: "id", as: String.self), flag: try row.decode(column: "flag", as: String.self),
                         channel: try row.decode(column: "channel", as: String?.self), value: try row.decode(column: "value", as: String?.self),
                         startsOn: try row.decode(column: "starts_on", as: String?.self), endsOn: try row.decode(column: "ends_on", as: String?.self),
                         note: try row.decode(column: "note", as: String?.self))
        }
    }

    /// Ends an open flag: it holds up to and including `lastDay`. `evidence`, what shows it no
    /// longer applies (a letter withdrawing the dispute), is kept in the audit entry.
    public static func endFlag(_ id: String, lastDay: LocalDate, evidence: String? = nil, by actor: String, at now: Date = Date(),
                               on database: any SQLDatabase) async throws {
        guard let row = try await database.raw("SELECT customer_id, flag, ends_on FROM customer_flags WHERE id = \(bind: id)").first() else {
            throw ContactRecordError.unknownFlag(id)
        }
        let before = try row.decode(column: "ends_on", as: String?.self)
        try await database.raw("UPDATE customer_flags SET ends_on = \(bind: lastDay.description) WHERE id = \(bind: id)").run()
        var details = ["flag_id": id, "flag": try row.decode(column: "flag", as: String.self), "ends_on_before": before ?? "", "ends_on_after": lastDay.description]
        details["evidence"] = evidence
        try await AuditLog.append([AuditEvent(actor: actor, action: "flag_ended", subject: try row.decode(column: "customer_id", as: String.self),
                                              details: details)], at: now, on: database)
    }

    /// Records a contact point beyond the customer's own (an emergency contact, an employer).
    public static func addContactPoint(customerId: String, id: String, kind: ContactPoint.Kind, label: String?, by actor: String,
                                       at now: Date = Date(), on database: any SQLDatabase) async throws {
        try await requireCustomer(customerId, on: database)
        guard !id.isEmpty, id.count <= 64, ![ContactPoint.mobile, ContactPoint.email, ContactPoint.address].contains(id) else {
            throw ContactRecordError.invalid(field: "id", message: "'\(id)' cannot name a new contact point (1 to 64 characters; mobile, email and address are the customer's own)")
        }
        try await BulkWriter(database: database).insert(pointTable, [[.text(customerId), .text(id), .text(kind.rawValue), .optional(label), .integer(1), .text(timestamp(now))]])
        try await AuditLog.append([AuditEvent(actor: actor, action: "contact_point_added", subject: customerId,
                                              details: ["contact_point": id, "kind": kind.rawValue])], at: now, on: database)
    }

    /// Marks the contact point `id` of `customerId` not to be used again (`universal.unusable-contact-point`),
    /// with the outcome that showed it wrong (`invalid_number`, `wrong_party`); the customer's own
    /// `mobile`, `email` and `address` are recorded as points for it. Audited `contact_point_marked`.
    public static func markContactPoint(customerId: String, id: String, reason: String, by actor: String, at now: Date = Date(),
                                        on database: any SQLDatabase) async throws {
        let own = [ContactPoint.mobile, ContactPoint.email, ContactPoint.address].contains(id)
        let updated = try await database.raw("""
            UPDATE contact_points SET valid = 0, invalid_reason = \(bind: reason) WHERE customer_id = \(bind: customerId) AND id = \(bind: id)
            RETURNING id
            """).all()
        if updated.isEmpty, own {
            try await database.raw("""
                INSERT INTO contact_points (customer_id, id, kind, label, valid, recorded_at, invalid_reason)
                VALUES (\(bind: customerId), \(bind: id), \(bind: ContactPoint.Kind.own.rawValue), NULL, 0, \(bind: timestamp(now)), \(bind: reason))
                """).run()
        } else if updated.isEmpty {
            return
        }
        try await AuditLog.append([AuditEvent(actor: actor, action: "contact_point_marked", subject: customerId,
                                              details: ["contact_point": id, "reason": reason])], at: now, on: database)
    }

    /// Whether `customerId` carries a flag of `kind` that has not been ended.
    public static func hasOpenFlag(_ kind: CustomerFlag.Kind, customerId: String, on database: any SQLDatabase) async throws -> Bool {
        try await database.raw("""
            SELECT 1 AS found FROM customer_flags WHERE customer_id = \(bind: customerId) AND flag = \(bind: kind.rawValue) AND ends_on IS NULL
            """).first() != nil
    }

    static let pointTable = BulkInsert(table: "contact_points", columns: ["customer_id", "id", "kind", "label", "valid", "recorded_at"],
                                       key: ["customer_id", "id"], onConflict: .update)

    /// An attempt as reported by a collector or a system.
    public struct NewAttempt: Sendable {
        public let id: String
        public let customerId: String
        public let channel: ContactChannel
        public let contactPoint: String
        public let at: Date
        public let outcome: ContactAttempt.Outcome
        public let note: String?

        public init(id: String, customerId: String, channel: ContactChannel, contactPoint: String, at: Date, outcome: ContactAttempt.Outcome, note: String?) {
            self.id = id
            self.customerId = customerId
            self.channel = channel
            self.contactPoint = contactPoint
            self.at = at
            self.outcome = outcome
            self.note = note
        }
    }

    /// Records an attempt, which counts toward the caps at once. `breach` is the pack's verdict on
    /// the attempt as made: a breach is stored with its rule and reason for the compliance
    /// officer, unless an override the same person made before the contact covers it
    /// (`ContactStart`). An id seen before records nothing more (the caller may retry); returns
    /// false then.
    @discardableResult
    public static func recordAttempt(_ attempt: NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date = Date(),
                                     on database: any SQLDatabase) async throws -> Bool {
        try await record(attempt, breach: breach, by: actor, at: now, on: database) != nil
    }

    /// What became of a recorded attempt: a breach (the rule and the pack's reason), covered by
    /// an override, or neither.
    public struct Recorded: Sendable, Equatable {
        public let breachedRule: String?
        public let breachReason: String?
        public let overrideId: String?

        public init(breachedRule: String?, breachReason: String?, overrideId: String?) {
            self.breachedRule = breachedRule
            self.breachReason = breachReason
            self.overrideId = overrideId
        }
    }

    /// `recordAttempt`, saying whether the attempt was stored as a breach or under an override;
    /// nil when the id was seen before and nothing was recorded.
    public static func record(_ attempt: NewAttempt, breach: PolicyDecision?, by actor: String, at now: Date = Date(),
                              on database: any SQLDatabase) async throws -> Recorded? {
        try await requireCustomer(attempt.customerId, on: database)
        var breachedRule = breach.flatMap { $0.allowed ? nil : $0.rule }
        var breachReason = breachedRule == nil ? nil : breach?.reason
        // The id is the attempt's natural key: the same attempt sent twice, also at once (on
        // PostgreSQL the second insert waits for the first to commit), is recorded once.
        let inserted = try await database.raw("""
            INSERT INTO contact_attempts (id, customer_id, channel, contact_point, attempted_at, outcome, note, recorded_by, breached_rule, breach_reason)
            VALUES (\(bind: attempt.id), \(bind: attempt.customerId), \(bind: attempt.channel.rawValue), \(bind: attempt.contactPoint),
                    \(bind: timestamp(attempt.at)), \(bind: attempt.outcome.rawValue), \(bind: attempt.note), \(bind: actor), \(bind: breachedRule),
                    \(bind: breachReason))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """).all()
        guard !inserted.isEmpty else { return nil }
        var overrideId: String?
        if let rule = breachedRule {
            // An override covers one contact: claimed by the first attempt it covers, so the same
            // reason cannot open a second call.
            let earliest = timestamp(attempt.at.addingTimeInterval(-ContactOverride.coverage))
            let latest = timestamp(attempt.at.addingTimeInterval(300))
            overrideId = try await database.raw("""
                UPDATE contact_overrides SET attempt_id = \(bind: attempt.id)
                WHERE attempt_id IS NULL AND id = (
                    SELECT id FROM contact_overrides WHERE customer_id = \(bind: attempt.customerId) AND channel = \(bind: attempt.channel.rawValue)
                        AND rule = \(bind: rule) AND actor = \(bind: actor) AND attempt_id IS NULL
                        AND occurred_at >= \(bind: earliest) AND occurred_at <= \(bind: latest)
                    ORDER BY occurred_at DESC, id LIMIT 1)
                RETURNING id
                """).first()?.decode(column: "id", as: String.self)
            if overrideId != nil {
                (breachedRule, breachReason) = (nil, nil)
                try await database.raw("UPDATE contact_attempts SET breached_rule = NULL, breach_reason = NULL WHERE id = \(bind: attempt.id)").run()
            }
        }
        var details = ["attempt_id": attempt.id, "channel": attempt.channel.rawValue, "contact_point": attempt.contactPoint,
                       "attempted_at": timestamp(attempt.at), "outcome": attempt.outcome.rawValue]
        details["breached_rule"] = breachedRule
        details["breach_reason"] = breachReason
        details["override_id"] = overrideId
        try await AuditLog.append([AuditEvent(actor: actor, action: "contact_attempt_recorded", subject: attempt.customerId, details: details)],
                                  at: now, on: database)
        return Recorded(breachedRule: breachedRule, breachReason: breachReason, overrideId: overrideId)
    }

    /// Records a time the customer agreed to be contacted, and when they were notified of it.
    @discardableResult
    public static func addAppointment(customerId: String, _ appointment: Appointment, by actor: String, at now: Date = Date(),
                                      on database: any SQLDatabase) async throws -> String {
        try await requireCustomer(customerId, on: database)
        guard appointment.endsAt > appointment.startsAt else {
            throw ContactRecordError.invalid(field: "ends_at", message: "the appointment ends before it starts")
        }
        let id = "APPT-" + UUID().uuidString.lowercased()
        try await database.raw("""
            INSERT INTO contact_appointments (id, customer_id, channel, starts_at, ends_at, notified_at, recorded_by)
            VALUES (\(bind: id), \(bind: customerId), \(bind: appointment.channel.rawValue), \(bind: timestamp(appointment.startsAt)),
                    \(bind: timestamp(appointment.endsAt)), \(bind: appointment.notifiedAt.map(timestamp)), \(bind: actor))
            """).run()
        var details = ["appointment_id": id, "channel": appointment.channel.rawValue, "starts_at": timestamp(appointment.startsAt),
                       "ends_at": timestamp(appointment.endsAt)]
        details["notified_at"] = appointment.notifiedAt.map(timestamp)
        try await AuditLog.append([AuditEvent(actor: actor, action: "appointment_recorded", subject: customerId, details: details)], at: now, on: database)
        return id
    }

    /// Voids an appointment (a visit called off): the pack no longer reads it as a time agreed
    /// with the customer. The row stays, with the moment it was cancelled; a second cancel changes
    /// nothing and returns false.
    @discardableResult
    public static func cancelAppointment(_ id: String, reason: String, by actor: String, at now: Date = Date(),
                                         on database: any SQLDatabase) async throws -> Bool {
        guard let row = try await database.raw("""
            UPDATE contact_appointments SET cancelled_at = \(bind: timestamp(now)) WHERE id = \(bind: id) AND cancelled_at IS NULL
            RETURNING customer_id, channel
            """).first() else { return false }
        try await AuditLog.append([AuditEvent(actor: actor, action: "appointment_cancelled", subject: try row.decode(column: "customer_id", as: String.self),
                                              details: ["appointment_id": id, "channel": try row.decode(column: "channel", as: String.self),
                                                        "reason": reason])], at: now, on: database)
        return true
    }

    private static func requireCustomer(_ id: String, on database: any SQLDatabase) async throws {
        guard try await database.raw("SELECT 1 AS found FROM customers WHERE id = \(bind: id)").first() != nil else {
            throw ContactRecordError.unknownCustomer(id)
        }
    }
}

/// Time zones by IANA name, made once each: `TimeZone(identifier:)` is too slow for the daily
/// run's hot path.
public final class TimeZones: @unchecked Sendable {
    public static let shared = TimeZones()
    private var zones: [String: TimeZone?] = [:]
    private let lock = NSLock()

    public func zone(_ identifier: String) -> TimeZone? {
        lock.withLock {
            if let known = zones[identifier] { return known }
            let zone = TimeZone(identifier: identifier)
            zones[identifier] = zone
            return zone
        }
    }
}
