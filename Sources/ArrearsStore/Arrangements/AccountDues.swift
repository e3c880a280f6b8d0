import ArrearsCore
import SQLKit

/// One account's dues and payments as arrangements read and rewrite them. Arrangements are few
/// (one open per account), so these are per-account statements, not set-based ones.
public enum AccountDues {
    public static func dues(of accountId: String, on database: any SQLDatabase) async throws -> [Due] {
        try await database.raw("""
            SELECT due_on, principal_minor, interest_minor, fees_minor FROM dues WHERE account_id = \(bind: accountId) ORDER BY due_on
            """).all().map { row in
            Due(dueOn: LocalDate(iso: try row.decode(column: "due_on", as: String.self))!, principal: try row.decode(column: "principal_minor", as: Int64.self),
                interest: try row.decode(column: "interest_minor", as: Int64.self), fees: try row.decode(column: "fees_minor", as: Int64.self))
        }
    }

    /// The sum of the account's payments dated from `from` (when given) to `through`, inclusive.
    public static func paid(into accountId: String, from: LocalDate? = nil, through: LocalDate, on database: any SQLDatabase) async throws -> Int64 {
        try await database.raw("""
            SELECT CAST(COALESCE(SUM(amount_minor), 0) AS BIGINT) AS paid FROM payments
            WHERE account_id = \(bind: accountId) AND paid_on >= \(bind: from?.description ?? "0000-01-01") AND paid_on <= \(bind: through.description)
            """).first()?.decode(column: "paid", as: Int64.self) ?? 0
    }

    /// Writes `changes` to the account's dues, keeping each date's row as it stood before (the
    /// first time `arrangementId` touches that date) so that `restore` can put it back.
    public static func apply(_ changes: [DueRewrite.Change], accountId: String, arrangementId: String, on database: any SQLDatabase) async throws {
        for change in changes {
            let before = change.before
            try await database.raw("""
                INSERT INTO arrangement_replaced_dues (arrangement_id, due_on, existed, principal_minor, interest_minor, fees_minor)
                VALUES (\(bind: arrangementId), \(bind: change.dueOn.description), \(bind: before != nil), \(bind: before?.principal ?? 0),
                        \(bind: before?.interest ?? 0), \(bind: before?.fees ?? 0))
                ON CONFLICT (arrangement_id, due_on) DO NOTHING
                """).run()
            try await write(change.after, on: change.dueOn, accountId: accountId, database: database)
        }
    }

    /// Puts back every due `arrangementId` changed, as it stood before; returns how many dates.
    public static func restore(accountId: String, arrangementId: String, on database: any SQLDatabase) async throws -> Int {
        let rows = try await replaced(arrangementId: arrangementId, on: database)
        for (date, original) in rows {
            try await write(original, on: date, accountId: accountId, database: database)
        }
        return rows.count
    }

    /// The account's dues as they would stand had `arrangementId` changed nothing: `dues` (the
    /// account's current ones) with every date it touched put back as it was.
    public static func unsettled(_ dues: [Due], accountId: String, arrangementId: String, on database: any SQLDatabase) async throws -> [Due] {
        var byDate = Dictionary(dues.map { ($0.dueOn, $0) }, uniquingKeysWith: { first, _ in first })
        for (date, original) in try await replaced(arrangementId: arrangementId, on: database) { byDate[date] = original }
        return byDate.values.sorted { $0.dueOn < $1.dueOn }
    }

    /// Every due date `arrangementId` changed, with the due as it stood before (nil where there was none).
    private static func replaced(arrangementId: String, on database: any SQLDatabase) async throws -> [(LocalDate, Due?)] {
        try await database.raw("""
            SELECT due_on, existed, principal_minor, interest_minor, fees_minor FROM arrangement_replaced_dues WHERE arrangement_id = \(bind: arrangementId)
            """).all().compactMap { row in
            guard let date = LocalDate(iso: try row.decode(column: "due_on", as: String.self)) else { return nil }
            let original = try row.decode(column: "existed", as: Bool.self)
                ? Due(dueOn: date, principal: try row.decode(column: "principal_minor", as: Int64.self),
                      interest: try row.decode(column: "interest_minor", as: Int64.self), fees: try row.decode(column: "fees_minor", as: Int64.self))
                : nil
            return (date, original)
        }
    }

    private static func write(_ due: Due?, on date: LocalDate, accountId: String, database: any SQLDatabase) async throws {
        try await database.raw("DELETE FROM dues WHERE account_id = \(bind: accountId) AND due_on = \(bind: date.description)").run()
        guard let due else { return }
        try await database.raw("""
            INSERT INTO dues (account_id, due_on, principal_minor, interest_minor, fees_minor)
            VALUES (\(bind: accountId), \(bind: date.description), \(bind: due.principal), \(bind: due.interest), \(bind: due.fees))
            """).run()
    }
}
