import ArrearsCore
import SQLKit

/// Recomputes one account's stored position from its dues and payments, by the same rules as the
/// daily run's set-based recompute (`PositionQuery`), including the breathing-space freeze of
/// interest and fees on dues falling due within one.
public struct AccountRecompute {
    public let buckets: BucketScheme

    public init(buckets: BucketScheme) { self.buckets = buckets }

    /// Stores and returns the account's position as of the date of its stored position, or
    /// `atLeastAsOf` when that is later (or nothing is stored): a payment never moves the
    /// account's date backwards.
    public func recompute(accountId: String, atLeastAsOf date: LocalDate, on database: any SQLDatabase) async throws -> AccountFile.Position {
        let stored = try await database.raw("SELECT as_of FROM account_positions WHERE account_id = \(bind: accountId)").first()
        let asOf = max(try stored.flatMap { LocalDate(iso: try $0.decode(column: "as_of", as: String.self)) } ?? date, date)
        let spaces = try await database.raw("""
            SELECT f.starts_on, f.ends_on FROM customer_flags f JOIN accounts a ON a.customer_id = f.customer_id
            WHERE a.id = \(bind: accountId) AND f.flag = \(bind: BreathingSpace.flag.rawValue)
            """).all().map { row in
            BreathingSpace(from: try row.decode(column: "starts_on", as: String?.self).flatMap(LocalDate.init(iso:)),
                           until: try row.decode(column: "ends_on", as: String?.self).flatMap(LocalDate.init(iso:)))
        }
        let dues = try await database.raw("""
            SELECT due_on, principal_minor, interest_minor, fees_minor FROM dues WHERE account_id = \(bind: accountId) ORDER BY due_on
            """).all().map { row in
            let dueOn = LocalDate(iso: try row.decode(column: "due_on", as: String.self))!
            return BreathingSpace.owed(Due(dueOn: dueOn, principal: try row.decode(column: "principal_minor", as: Int64.self),
                                           interest: try row.decode(column: "interest_minor", as: Int64.self),
                                           fees: try row.decode(column: "fees_minor", as: Int64.self)), under: spaces)
        }
        let payments = try await database.raw("""
            SELECT paid_on, amount_minor FROM payments WHERE account_id = \(bind: accountId) AND paid_on <= \(bind: asOf.description)
            """).all().map { row in
            PaymentAmount(paidOn: LocalDate(iso: try row.decode(column: "paid_on", as: String.self))!, amount: try row.decode(column: "amount_minor", as: Int64.self))
        }
        let computed = AccountPosition(dues: dues, payments: payments, asOf: asOf)
        let position = AccountFile.Position(asOf: asOf.description, dpd: computed.daysPastDue,
                                            bucket: buckets.bucket(forDaysPastDue: computed.daysPastDue).name, overdueMinor: computed.overdue,
                                            outstandingMinor: computed.outstanding, creditMinor: computed.credit,
                                            oldestUnpaidDueOn: computed.oldestUnpaidDueOn?.description)
        try await BulkWriter(database: database).insert(Self.table, [[
            .text(accountId), .text(position.asOf), .integer(Int64(position.dpd)), .text(position.bucket), .integer(position.overdueMinor),
            .integer(position.outstandingMinor), .integer(position.creditMinor), .optional(position.oldestUnpaidDueOn),
        ]])
        return position
    }

    /// `recompute`, and the customer's open case in the account's currency owes as much more or
    /// less as the account now does, so that the case shows a payment or an arrangement at once
    /// (the next daily run decides the case afresh). Nothing moves before the account's first
    /// position.
    public func recomputeWithCase(accountId: String, atLeastAsOf date: LocalDate, on database: any SQLDatabase) async throws -> AccountFile.Position {
        let before = try await database.raw("SELECT overdue_minor FROM account_positions WHERE account_id = \(bind: accountId)")
            .first()?.decode(column: "overdue_minor", as: Int64.self)
        let after = try await recompute(accountId: accountId, atLeastAsOf: date, on: database)
        guard let before, before != after.overdueMinor else { return after }
        let change = after.overdueMinor - before
        try await database.raw("""
            UPDATE cases SET overdue_minor = CASE WHEN overdue_minor + \(bind: change) > 0 THEN overdue_minor + \(bind: change) ELSE 0 END
            WHERE status = 'open' AND customer_id = (SELECT customer_id FROM accounts WHERE id = \(bind: accountId))
            AND currency = (SELECT currency FROM accounts WHERE id = \(bind: accountId))
            """).run()
        return after
    }

    public static let table = BulkInsert(table: "account_positions",
                                  columns: ["account_id", "as_of", "dpd", "bucket", "overdue_minor", "outstanding_minor", "credit_minor", "oldest_unpaid_due_on"],
                                  key: ["account_id"], onConflict: .update)
}
