import ArrearsCore
import SQLKit

/// Everything the daily run reads before deciding: the delinquent accounts with their
/// customers, the open cases, each case's cadence, the pending promises and the arrangements
/// being kept.
public struct CaseInputs {
    /// An active instalment plan, deferral or settlement: it holds the account it covers.
    public struct KeptArrangement: Equatable {
        public let id: String
        public let accountId: String
        public let kind: ArrangementKind

        /// Plain words for the hold's reason, e.g. "instalment_plan ARR-1 on account ACC-1".
        public var words: String { "\(kind.rawValue) \(id) on account \(accountId)" }

        public init(id: String, accountId: String, kind: ArrangementKind) {
            self.id = id
            self.accountId = accountId
            self.kind = kind
        }
    }

    public struct DelinquentAccount {
        public let accountId: String
        public let customerId: String
        public let product: Product
        public let currency: Currency
        public let dpd: Int
        public let overdueMinor: Int64
        public let outstandingMinor: Int64

        public init(accountId: String, customerId: String, product: Product, currency: Currency, dpd: Int, overdueMinor: Int64, outstandingMinor: Int64) {
            self.accountId = accountId
            self.customerId = customerId
            self.product = product
            self.currency = currency
            self.dpd = dpd
            self.overdueMinor = overdueMinor
            self.outstandingMinor = outstandingMinor
        }
    }

    public struct Customer {
        public let id: String
        public let name: String
        public let rating: CreditRating
        public let language: Language
        public let region: String?
        public let mobile: String?
        public let email: String?
        public let timeZone: String
        public let hasAddress: Bool
        public var accounts: [DelinquentAccount] = []

        public init(id: String, name: String, rating: CreditRating, language: Language, region: String?, mobile: String?, email: String?,
                    timeZone: String, hasAddress: Bool, accounts: [DelinquentAccount] = []) {
            self.id = id
            self.name = name
            self.rating = rating
            self.language = language
            self.region = region
            self.mobile = mobile
            self.email = email
            self.timeZone = timeZone
            self.hasAddress = hasAddress
            self.accounts = accounts
        }
    }

    /// What an open case holds as the last run (or the workbench since) left it, for the run to
    /// write only what moved (`CaseWork`).
    public struct StoredCase: Equatable, Sendable {
        public let segment: String
        public let cell: String
        public let dpd: Int
        public let bucket: String
        public let currency: String
        public let overdueMinor: Int64

        public init(segment: String, cell: String, dpd: Int, bucket: String, currency: String, overdueMinor: Int64) {
            self.segment = segment
            self.cell = cell
            self.dpd = dpd
            self.bucket = bucket
            self.currency = currency
            self.overdueMinor = overdueMinor
        }
    }

    public var customers: [String: Customer] = [:]
    /// customer id → open case id and the date it opened.
    public var openCases: [String: (id: String, openedOn: String)] = [:]
    /// open case id → its stored fields; a case missing here is written in full.
    public var storedCases: [String: StoredCase] = [:]
    /// case id → treatment → last business date acted on.
    public var cadence: [String: [String: LocalDate]] = [:]
    /// customer id → due date of the latest pending promise.
    public var pendingPromises: [String: LocalDate] = [:]
    /// customer id → the lowest propensity-to-pay points of their accounts scored today by the
    /// active pay30 model (the account least likely to be paid speaks for the case).
    public var scores: [String: Int] = [:]
    /// customer id → the active plans, deferrals and settlements of their accounts (a waiver is
    /// completed when activated and holds nothing).
    public var keptArrangements: [String: [KeptArrangement]] = [:]

    public init() {}

    /// Reads the inputs for `date`; accounts written off on or before it are no longer collected.
    /// Mobile numbers and e-mail addresses are opened with `store`'s data key: messages go to the
    /// real number or mailbox (and are sealed again in the outbox). With `partition`, only the
    /// customers of that partition of a planned day are read (`DayPartitions`).
    public static func load(for date: LocalDate, from database: any SQLDatabase, openingPersonalDataWith store: Store,
                            partition: Int? = nil) async throws -> CaseInputs {
        var inputs = CaseInputs()
        // "AND <customer column> in the partition", or nothing.
        func within(_ column: String) -> String {
            partition.map { " AND " + DayPartitions.members(column, day: date.description, part: $0) } ?? ""
        }
        let accounts = try await database.raw("""
            SELECT p.account_id, a.customer_id, a.product, a.currency, p.dpd, p.overdue_minor, p.outstanding_minor,
                c.name, c.credit_rating, c.language, c.region, c.mobile, c.email, c.time_zone,
                CASE WHEN c.address IS NULL OR c.address = '' THEN 0 ELSE 1 END AS has_address
            FROM account_positions p
            JOIN accounts a ON a.id = p.account_id
            JOIN customers c ON c.id = a.customer_id
            WHERE p.dpd > 0 AND (a.written_off_on IS NULL OR a.written_off_on > \(bind: date.description))\(unsafeRaw: within("a.customer_id"))
            """).all()
        for row in accounts {
            let customerId = try row.decode(column: "customer_id", as: String.self)
            if inputs.customers[customerId] == nil {
                inputs.customers[customerId] = Customer(
                    id: customerId,
                    name: try row.decode(column: "name", as: String.self),
                    rating: CreditRating(rawValue: try row.decode(column: "credit_rating", as: String.self)) ?? .e,
                    language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .default,
                    region: try row.decode(column: "region", as: String?.self),
                    mobile: try store.openField(try row.decode(column: "mobile", as: String?.self)),
                    email: try store.openField(try row.decode(column: "email", as: String?.self)),
                    timeZone: try row.decode(column: "time_zone", as: String.self),
                    hasAddress: try row.decode(column: "has_address", as: Int.self) != 0
                )
            }
            inputs.customers[customerId]!.accounts.append(DelinquentAccount(
                accountId: try row.decode(column: "account_id", as: String.self),
                customerId: customerId,
                product: Product(rawValue: try row.decode(column: "product", as: String.self)) ?? .personalLoan,
                currency: Currency(code: try row.decode(column: "currency", as: String.self)) ?? .cny,
                dpd: try row.decode(column: "dpd", as: Int.self),
                overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                outstandingMinor: try row.decode(column: "outstanding_minor", as: Int64.self)
            ))
        }
        for row in try await database.raw("""
            SELECT id, customer_id, opened_on, segment, cell, dpd, bucket, currency, overdue_minor FROM cases WHERE status = 'open'\(unsafeRaw: within("customer_id"))
            """).all() {
            let id = try row.decode(column: "id", as: String.self)
            inputs.openCases[try row.decode(column: "customer_id", as: String.self)] = (id, try row.decode(column: "opened_on", as: String.self))
            inputs.storedCases[id] = StoredCase(
                segment: try row.decode(column: "segment", as: String.self), cell: try row.decode(column: "cell", as: String.self),
                dpd: try row.decode(column: "dpd", as: Int.self), bucket: try row.decode(column: "bucket", as: String.self),
                currency: try row.decode(column: "currency", as: String.self), overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self))
        }
        for row in try await database.raw("""
            SELECT cc.case_id, cc.treatment, cc.last_acted_on FROM case_cadence cc
            JOIN cases k ON k.id = cc.case_id WHERE k.status = 'open'\(unsafeRaw: within("k.customer_id"))
            """).all() {
            guard let day = LocalDate(iso: try row.decode(column: "last_acted_on", as: String.self)) else { continue }
            inputs.cadence[try row.decode(column: "case_id", as: String.self), default: [:]][try row.decode(column: "treatment", as: String.self)] = day
        }
        for row in try await database.raw("SELECT customer_id, MAX(due_on) AS due_on FROM promises WHERE status = 'pending'\(unsafeRaw: within("customer_id")) GROUP BY customer_id").all() {
            if let day = LocalDate(iso: try row.decode(column: "due_on", as: String.self)) {
                inputs.pendingPromises[try row.decode(column: "customer_id", as: String.self)] = day
            }
        }
        for row in try await database.raw("""
            SELECT a.customer_id, MIN(s.points) AS points FROM account_scores s JOIN accounts a ON a.id = s.account_id
            WHERE s.target = 'pay30' AND s.business_date = \(bind: date.description)\(unsafeRaw: within("a.customer_id")) GROUP BY a.customer_id
            """).all() {
            inputs.scores[try row.decode(column: "customer_id", as: String.self)] = try row.decode(column: "points", as: Int.self)
        }
        for row in try await database.raw("""
            SELECT id, account_id, customer_id, kind FROM arrangements
            WHERE status = 'active' AND kind <> \(bind: ArrangementKind.waiver.rawValue)\(unsafeRaw: within("customer_id")) ORDER BY id
            """).all() {
            guard let kind = ArrangementKind(rawValue: try row.decode(column: "kind", as: String.self)) else { continue }
            inputs.keptArrangements[try row.decode(column: "customer_id", as: String.self), default: []].append(KeptArrangement(
                id: try row.decode(column: "id", as: String.self), accountId: try row.decode(column: "account_id", as: String.self), kind: kind))
        }
        return inputs
    }

    /// The facts the strategy decides on for one customer. An arrangement being kept holds the
    /// accounts `scope` says: with `.coveredAccounts` the case is decided on the delinquent
    /// accounts no arrangement covers, and held only when every one is covered; with `.customer`
    /// any arrangement holds the whole case. The case's currency is that of its most overdue
    /// account decided on; amounts add up those accounts in that currency.
    public func facts(for customer: Customer, caseId: String?, scope: ArrangementHoldScope = .coveredAccounts) -> CaseFacts {
        let kept = keptArrangements[customer.id] ?? []
        let covered = Set(kept.map(\.accountId))
        let uncovered = customer.accounts.filter { !covered.contains($0.accountId) }
        let held: [KeptArrangement]
        let decidedOn: [DelinquentAccount]
        switch scope {
        case .customer:
            held = kept
            decidedOn = customer.accounts
        case .coveredAccounts:
            held = uncovered.isEmpty ? kept.filter { account in customer.accounts.contains { $0.accountId == account.accountId } } : []
            decidedOn = uncovered.isEmpty ? customer.accounts : uncovered
        }
        let worst = decidedOn.max { ($0.dpd, $0.overdueMinor) < ($1.dpd, $1.overdueMinor) }!
        let sameCurrency = decidedOn.filter { $0.currency == worst.currency }
        return CaseFacts(
            customerId: customer.id,
            creditRating: customer.rating,
            language: customer.language,
            region: customer.region,
            daysPastDue: worst.dpd,
            overdueMinor: MinorUnits.total(sameCurrency.lazy.map(\.overdueMinor)),
            outstandingMinor: MinorUnits.total(sameCurrency.lazy.map(\.outstandingMinor)),
            currency: worst.currency,
            products: Set(decidedOn.map(\.product)),
            score: scores[customer.id],
            promiseToPayDueOn: pendingPromises[customer.id],
            arrangementActive: !held.isEmpty,
            arrangementsKept: held.map(\.words),
            lastActedOn: caseId.flatMap { cadence[$0] } ?? [:]
        )
    }
}
