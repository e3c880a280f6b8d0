import ArrearsCore
import Foundation
import SQLKit

/// One account's position as reports show it.
public struct AccountPositionRow: Sendable, Equatable, Codable {
    public let accountId: String
    public let customerId: String
    public let product: String
    public let currency: String
    public let dpd: Int
    public let bucket: String
    public let overdueMinor: Int64
    public let outstandingMinor: Int64
}

/// How many accounts sit in a bucket and how much is overdue there, per currency.
public struct BucketTotal: Sendable, Equatable, Codable {
    public let bucket: String
    public let currency: String
    public let accounts: Int
    public let overdueMinor: Int64
    public let outstandingMinor: Int64
}

/// Computes, stores and reads account positions (DPD, bucket, overdue, outstanding).
public struct PositionRepository: Sendable {
    public let store: Store
    public let buckets: BucketScheme

    public init(store: Store, buckets: BucketScheme) {
        self.store = store
        self.buckets = buckets
    }

    /// Recomputes every account's position as of `asOf` and stores it, replacing the previous
    /// positions in one transaction. Returns the number of accounts. Readers are never blocked:
    /// until the transaction commits they see the previous positions.
    @discardableResult
    public func recompute(asOf: LocalDate) async throws -> Int {
        try await store.transaction(alone: true) { database in try await recompute(asOf: asOf, on: database) }
    }

    /// Recomputes inside the caller's transaction (the daily run's).
    @discardableResult
    public func recompute(asOf: LocalDate, on database: any SQLDatabase) async throws -> Int {
        try await recompute(asOf: asOf, on: database, path: .fastest)
    }

    /// How positions are computed: `PositionScan` where the SQLite connection can be reached
    /// directly, else `PositionQuery`; the tests run both and hold them equal.
    enum ComputePath {
        case fastest, setBasedStatement
    }

    func recompute(asOf: LocalDate, on database: any SQLDatabase, path: ComputePath) async throws -> Int {
        let freezesInterest = try await Self.anyBreathingSpace(on: database)
        if path == .fastest, store.dialect == .sqlite {
            var scan = PositionScan(asOf: asOf, buckets: buckets)
            if freezesInterest { scan.frozen = try await Self.frozenDues(on: database) }
            let finished = scan
            // The bucket and DPD indexes are built after the rows (the positions' write of a
            // 1,000,000-account recompute: 2.9 s → 1.9 s).
            let indexes = try await DeferredIndexes.drop(of: "account_positions", on: database)
            let count = try await SQLiteDirect.run(on: database, { try finished.store(on: $0) })
            try await indexes.rebuild(on: database)
            if let count { return count }
        }
        var query = PositionQuery(asOf: asOf, buckets: buckets, dialect: store.dialect)
        query.freezesInterest = freezesInterest
        // DELETE, not TRUNCATE: on PostgreSQL TRUNCATE takes an ACCESS EXCLUSIVE lock on the table
        // until the caller's transaction commits, and every page that reads positions (the
        // collector's case page, the portfolio) waited for the whole daily run. DELETE locks only the
        // rows; readers go on seeing the positions of the last commit until this one commits.
        try await database.raw("DELETE FROM account_positions").run()
        var insert = query.commonTableExpressions
        insert.appendLiteral("""
        INSERT INTO account_positions (account_id, as_of, dpd, bucket, overdue_minor, outstanding_minor, credit_minor, oldest_unpaid_due_on)
        SELECT account_id, \(asOf.description.sqlLiteral), dpd, bucket, overdue_minor, outstanding_minor, credit_minor, oldest_unpaid_due_on FROM positions
        """)
        try await database.raw(insert).run()
        let count = try await database.raw("SELECT COUNT(*) AS n FROM account_positions").first()
        return try count?.decode(column: "n", as: Int.self) ?? 0
    }

    static func anyBreathingSpace(on database: any SQLDatabase) async throws -> Bool {
        try await database.raw("SELECT 1 AS found FROM customer_flags WHERE flag = \(bind: BreathingSpace.flag.rawValue) LIMIT 1").first() != nil
    }

    /// The dues falling within a breathing space, whose interest and fees are frozen: account id →
    /// due dates. The statement of `PositionQuery`'s `frozen` relation.
    static func frozenDues(on database: any SQLDatabase) async throws -> [String: Set<String>] {
        var frozen: [String: Set<String>] = [:]
        for row in try await database.raw(SQLQueryString(PositionQuery.frozenDues)).all() {
            frozen[try row.decode(column: "account_id", as: String.self), default: []].insert(try row.decode(column: "due_on", as: String.self))
        }
        return frozen
    }

    /// Streams every account's position as of `asOf`, computed afresh (nothing is stored), in
    /// account id order.
    public func each(asOf: LocalDate, _ body: @escaping @Sendable (AccountPositionRow) -> Void) async throws {
        var query = PositionQuery(asOf: asOf, buckets: buckets, dialect: store.dialect)
        query.freezesInterest = try await Self.anyBreathingSpace(on: store.sql)
        var select = query.commonTableExpressions
        select.appendLiteral("""
        SELECT account_id, customer_id, product, currency, dpd, bucket, overdue_minor, outstanding_minor
        FROM positions ORDER BY account_id
        """)
        let failure = LockedBox<(any Error)?>(nil)
        try await store.sql.execute(sql: select) { row in
            do { body(try AccountPositionRow(row)) } catch { failure.set(error) }
        }
        if let error = failure.get() { throw error }
    }

    /// The date of the stored positions, or nil before the first recompute.
    public func storedAsOf() async throws -> LocalDate? {
        let row = try await store.sql.raw("SELECT MAX(as_of) AS as_of FROM account_positions").first()
        return try row?.decodeNil(column: "as_of") == false ? LocalDate(iso: try row!.decode(column: "as_of", as: String.self)) : nil
    }

    /// Stored positions summed by bucket and currency, in bucket order.
    public func bucketTotals() async throws -> [BucketTotal] {
        let rows = try await store.sql.raw("""
            SELECT p.bucket, a.currency, COUNT(*) AS accounts,
                CAST(SUM(p.overdue_minor) AS BIGINT) AS overdue_minor, CAST(SUM(p.outstanding_minor) AS BIGINT) AS outstanding_minor
            FROM account_positions p JOIN accounts a ON a.id = p.account_id
            GROUP BY p.bucket, a.currency
            """).all()
        let order = Dictionary(uniqueKeysWithValues: buckets.buckets.enumerated().map { ($1.name, $0) })
        return try rows.map { row in
            BucketTotal(
                bucket: try row.decode(column: "bucket", as: String.self),
                currency: try row.decode(column: "currency", as: String.self),
                accounts: try row.decode(column: "accounts", as: Int.self),
                overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                outstandingMinor: try row.decode(column: "outstanding_minor", as: Int64.self)
            )
        }.sorted { (order[$0.bucket] ?? .max, $0.currency) < (order[$1.bucket] ?? .max, $1.currency) }
    }

    /// The most delinquent stored accounts (highest DPD, then largest overdue), optionally in one bucket.
    public func mostDelinquent(bucket: String?, limit: Int, offset: Int = 0) async throws -> [AccountPositionRow] {
        var query: SQLQueryString = """
            SELECT p.account_id, a.customer_id, a.product, a.currency, p.dpd, p.bucket, p.overdue_minor, p.outstanding_minor
            FROM account_positions p JOIN accounts a ON a.id = p.account_id
            WHERE p.dpd > 0
            """
        if let bucket { query.appendInterpolation(unsafeRaw: " AND p.bucket = "); query.appendInterpolation(bind: bucket) }
        query.appendLiteral(" ORDER BY p.dpd DESC, p.overdue_minor DESC, p.account_id LIMIT ")
        query.appendInterpolation(bind: limit)
        query.appendLiteral(" OFFSET ")
        query.appendInterpolation(bind: offset)
        let rows = try await store.sql.raw(query).all()
        return try rows.map(AccountPositionRow.init)
    }
}

extension AccountPositionRow {
    init(_ row: any SQLRow) throws {
        self.init(
            accountId: try row.decode(column: "account_id", as: String.self),
            customerId: try row.decode(column: "customer_id", as: String.self),
            product: try row.decode(column: "product", as: String.self),
            currency: try row.decode(column: "currency", as: String.self),
            dpd: try row.decode(column: "dpd", as: Int.self),
            bucket: try row.decode(column: "bucket", as: String.self),
            overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
            outstandingMinor: try row.decode(column: "outstanding_minor", as: Int64.self)
        )
    }
}

private extension String {
    /// A formatted date as an SQL string literal; dates are digits and hyphens only.
    var sqlLiteral: String { "'\(self)'" }
}
