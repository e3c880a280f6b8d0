import ArrearsCore
import SQLKit

/// One account as the workbench shows it: its terms, its stored position, every due, every
/// payment (newest first) and its latest scores.
public struct AccountFile: Sendable, Equatable {
    public struct Position: Sendable, Equatable {
        public let asOf: String
        public let dpd: Int
        public let bucket: String
        public let overdueMinor: Int64
        public let outstandingMinor: Int64
        public let creditMinor: Int64
        public let oldestUnpaidDueOn: String?

        public init(asOf: String, dpd: Int, bucket: String, overdueMinor: Int64, outstandingMinor: Int64, creditMinor: Int64, oldestUnpaidDueOn: String?) {
            self.asOf = asOf
            self.dpd = dpd
            self.bucket = bucket
            self.overdueMinor = overdueMinor
            self.outstandingMinor = outstandingMinor
            self.creditMinor = creditMinor
            self.oldestUnpaidDueOn = oldestUnpaidDueOn
        }
    }

    public struct DueLine: Sendable, Equatable {
        public let dueOn: String
        public let principalMinor: Int64
        public let interestMinor: Int64
        public let feesMinor: Int64
    }

    /// The latest score of one target (`pay30`, ...): higher points, likelier the good outcome
    /// (paying; not rolling) for models trained since issue 26. `probabilityPPM` is the
    /// probability of the target's event. `reasons`: what cost the customer most points, most
    /// first (none for scores written before reasons were kept).
    public struct Score: Sendable, Equatable {
        public let target: String
        public let modelId: String
        public let businessDate: String
        public let probabilityPPM: Int64
        public let points: Int64
        public let reasons: [ScoreReason]
    }

    public let id: String
    public let customerId: String
    public let product: String
    public let currency: String
    public let principalMinor: Int64
    public let openedOn: String
    public let writtenOffOn: String?
    /// Nil before the first recompute.
    public let position: Position?
    public let dues: [DueLine]
    public let payments: [StoredPayment]
    public let scores: [Score]
    /// The account's settlement being kept or paid, if any: the position owes what is left of it.
    public let settlement: AccountSettlement?

    /// The account if it exists and its customer is within `scope`.
    public static func find(id: String, scope: WorkScope, on database: any SQLDatabase) async throws -> AccountFile? {
        try await load(where: "a.id = \(bind: id)", scope: scope, on: database).first
    }

    /// Every account of `customerId`, in id order (no scope check: the caller's case was in scope).
    static func all(customerId: String, on database: any SQLDatabase) async throws -> [AccountFile] {
        try await load(where: "a.customer_id = \(bind: customerId)", scope: .all, on: database)
    }

    private static func load(where condition: SQLQueryString, scope: WorkScope, on database: any SQLDatabase) async throws -> [AccountFile] {
        var query: SQLQueryString = """
            SELECT a.id, a.customer_id, a.product, a.currency, a.principal_minor, a.opened_on, a.written_off_on,
                p.as_of, p.dpd, p.bucket, p.overdue_minor, p.outstanding_minor, p.credit_minor, p.oldest_unpaid_due_on
            FROM accounts a LEFT JOIN account_positions p ON p.account_id = a.id
            """
        query.appendLiteral(" WHERE ")
        query.appendInterpolation(condition)
        scope.restrict(&query, customerColumn: "a.customer_id")
        query.appendLiteral(" ORDER BY a.id")
        let rows = try await database.raw(query).all()
        let ids = try rows.map { try $0.decode(column: "id", as: String.self) }
        guard !ids.isEmpty else { return [] }
        // The dues, payments and scores of all the accounts, one statement each (the case page
        // shows every account of the customer).
        func ofTheAccounts(_ select: String, orderedBy order: String) -> SQLQueryString {
            var query: SQLQueryString = "\(unsafeRaw: select) WHERE account_id IN ("
            for (index, id) in ids.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: id)
            }
            query.appendLiteral(") ORDER BY account_id, \(order)")
            return query
        }
        var dues: [String: [DueLine]] = [:], payments: [String: [StoredPayment]] = [:], scores: [String: [Score]] = [:]
        for due in try await database.raw(ofTheAccounts("SELECT account_id, due_on, principal_minor, interest_minor, fees_minor FROM dues",
                                                        orderedBy: "due_on")).all() {
            dues[try due.decode(column: "account_id", as: String.self), default: []].append(DueLine(
                dueOn: try due.decode(column: "due_on", as: String.self), principalMinor: try due.decode(column: "principal_minor", as: Int64.self),
                interestMinor: try due.decode(column: "interest_minor", as: Int64.self), feesMinor: try due.decode(column: "fees_minor", as: Int64.self)))
        }
        for payment in try await database.raw(ofTheAccounts("SELECT \(StoredPayment.columns) FROM payments", orderedBy: "paid_on DESC, id")).all() {
            let stored = try StoredPayment(payment)
            payments[stored.accountId, default: []].append(stored)
        }
        for score in try await database.raw(ofTheAccounts("SELECT account_id, target, model_id, business_date, probability_ppm, points, reasons FROM account_scores",
                                                          orderedBy: "target")).all() {
            scores[try score.decode(column: "account_id", as: String.self), default: []].append(Score(
                target: try score.decode(column: "target", as: String.self), modelId: try score.decode(column: "model_id", as: String.self),
                businessDate: try score.decode(column: "business_date", as: String.self),
                probabilityPPM: try score.decode(column: "probability_ppm", as: Int64.self), points: try score.decode(column: "points", as: Int64.self),
                reasons: ScoreReasons.decode(try score.decode(column: "reasons", as: String?.self))))
        }
        let settlements = try await AccountSettlement.latest(
            of: ids, dues: dues.mapValues { lines in lines.compactMap { line in
                LocalDate(iso: line.dueOn).map { Due(dueOn: $0, principal: line.principalMinor, interest: line.interestMinor, fees: line.feesMinor) }
            } },
            payments: payments, on: database)
        var accounts: [AccountFile] = []
        for (row, id) in zip(rows, ids) {
            var position: Position?
            if let asOf = try row.decode(column: "as_of", as: String?.self) {
                position = Position(asOf: asOf, dpd: try row.decode(column: "dpd", as: Int.self), bucket: try row.decode(column: "bucket", as: String.self),
                                    overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                                    outstandingMinor: try row.decode(column: "outstanding_minor", as: Int64.self),
                                    creditMinor: try row.decode(column: "credit_minor", as: Int64.self),
                                    oldestUnpaidDueOn: try row.decode(column: "oldest_unpaid_due_on", as: String?.self))
            }
            accounts.append(AccountFile(id: id, customerId: try row.decode(column: "customer_id", as: String.self),
                                        product: try row.decode(column: "product", as: String.self), currency: try row.decode(column: "currency", as: String.self),
                                        principalMinor: try row.decode(column: "principal_minor", as: Int64.self),
                                        openedOn: try row.decode(column: "opened_on", as: String.self),
                                        writtenOffOn: try row.decode(column: "written_off_on", as: String?.self),
                                        position: position, dues: dues[id] ?? [], payments: payments[id] ?? [], scores: scores[id] ?? [],
                                        settlement: settlements[id]))
        }
        return accounts
    }
}
