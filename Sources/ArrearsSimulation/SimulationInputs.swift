import ArrearsCore
import ArrearsStore
import SQLKit

/// What the simulator reads after the daily run of a business date D: the open cases with D's
/// action, the delinquent accounts, the accounts that are up to date with a due before the next
/// business day, and the pending promises that fall due before it.
struct SimulationInputs {
    struct OpenCase {
        let id: String
        let customerId: String
        let segment: Segment
        let daysPastDue: Int
        let currency: Currency
        let overdueMinor: Int64
        /// The channel that tried to reach the customer on D, if any.
        let contact: Channel?
        /// Who had the task, for a call or visit.
        let agent: String?
        /// Chasing is on hold (a promise is pending): the customer is not simulated today.
        let held: Bool
        let rating: CreditRating
        /// The case's overdue amount over what the bank lent the customer in its currency
        /// (`nil` when nothing was lent in it): the behaviour model's stand-in for income.
        let burden: Double?
        /// The customer's promises found broken in the 90 days to D.
        let brokenPromises: Int
        /// Days from the customer's last payment on or before D (on any account) to D; a customer
        /// who never paid counts from the opening of their oldest account.
        let daysSincePayment: Int?
    }

    struct DelinquentAccount {
        let id: String
        let currency: Currency
        let overdueMinor: Int64
    }

    /// An account that is up to date and has a due after D and on or before the next business day.
    struct UpcomingDue {
        let accountId: String
        let currency: Currency
        let rating: CreditRating
        let firstDueOn: String
        /// What the account needs to have paid to be up to date on the next business day.
        let neededMinor: Int64
    }

    struct PendingPromise {
        let id: String
        let customerId: String
        let currency: Currency
        let amountMinor: Int64
        let segment: Segment
        /// The customer's promises found broken in the 90 days to D.
        let brokenPromises: Int
    }

    var cases: [OpenCase] = []
    /// Customer id → delinquent accounts, most overdue first (highest DPD, then largest amount).
    var delinquentAccounts: [String: [DelinquentAccount]] = [:]
    var upcomingDues: [UpcomingDue] = []
    var promisesDue: [PendingPromise] = []

    static func load(day: LocalDate, nextBusinessDay next: LocalDate, from database: any SQLDatabase) async throws -> SimulationInputs {
        var inputs = SimulationInputs()
        let today = day.description, tomorrow = next.description
        var broken: [String: Int] = [:]
        for row in try await database.raw("""
            SELECT customer_id, COUNT(*) AS n FROM promises
            WHERE status = 'broken' AND settled_on > \(bind: day.adding(days: -90).description) AND settled_on <= \(bind: today)
            GROUP BY customer_id
            """).all() {
            broken[try row.decode(column: "customer_id", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        var lent: [String: Int64] = [:]
        for row in try await database.raw("""
            SELECT customer_id, currency, CAST(SUM(principal_minor) AS BIGINT) AS lent_minor FROM accounts GROUP BY customer_id, currency
            """).all() {
            lent[try row.decode(column: "customer_id", as: String.self) + " " + row.decode(column: "currency", as: String.self)] =
                try row.decode(column: "lent_minor", as: Int64.self)
        }
        var lastPaid: [String: LocalDate] = [:]
        for row in try await database.raw("""
            SELECT customer_id, MIN(opened_on) AS since FROM accounts GROUP BY customer_id
            """).all() {
            lastPaid[try row.decode(column: "customer_id", as: String.self)] = LocalDate(iso: try row.decode(column: "since", as: String.self))
        }
        for row in try await database.raw("""
            SELECT a.customer_id, MAX(p.paid_on) AS paid FROM payments p JOIN accounts a ON a.id = p.account_id
            WHERE p.paid_on <= \(bind: today) GROUP BY a.customer_id
            """).all() {
            lastPaid[try row.decode(column: "customer_id", as: String.self)] = LocalDate(iso: try row.decode(column: "paid", as: String.self))
        }
        for row in try await database.raw("""
            SELECT k.id, k.customer_id, k.segment, k.dpd, k.currency, k.overdue_minor, x.channel, x.status, x.assigned_to, c.credit_rating
            FROM cases k JOIN customers c ON c.id = k.customer_id
            LEFT JOIN actions x ON x.case_id = k.id AND x.business_date = \(bind: today)
            WHERE k.status = 'open' ORDER BY k.customer_id
            """).all() {
            let status = try row.decode(column: "status", as: String?.self)
            let channel = try row.decode(column: "channel", as: String?.self).flatMap(Channel.init(rawValue:))
            let agent = try row.decode(column: "assigned_to", as: String?.self)
            let assigned = agent != nil
            // A message is sent, and a letter printed, when it is created; a task reaches the customer
            // only once someone has it.
            let reached = status == "created" && channel.map { $0.isMessage || $0 == .letter || assigned } == true
            let customerId = try row.decode(column: "customer_id", as: String.self)
            let overdue = try row.decode(column: "overdue_minor", as: Int64.self)
            let lentMinor = lent[customerId + " " + (try row.decode(column: "currency", as: String.self))] ?? 0
            inputs.cases.append(OpenCase(
                id: try row.decode(column: "id", as: String.self),
                customerId: customerId,
                segment: try segment(row),
                daysPastDue: try row.decode(column: "dpd", as: Int.self),
                currency: try currency(row),
                overdueMinor: overdue,
                contact: reached ? channel : nil,
                agent: agent,
                held: status == "held",
                rating: CreditRating(rawValue: try row.decode(column: "credit_rating", as: String.self)) ?? .e,
                burden: lentMinor > 0 ? Double(overdue) / Double(lentMinor) : nil,
                brokenPromises: broken[customerId] ?? 0,
                daysSincePayment: lastPaid[customerId].map { max(0, day.days(since: $0)) }
            ))
        }
        for row in try await database.raw("""
            SELECT p.account_id, a.customer_id, a.currency, p.overdue_minor FROM account_positions p
            JOIN accounts a ON a.id = p.account_id
            WHERE p.overdue_minor > 0 ORDER BY a.customer_id, p.dpd DESC, p.overdue_minor DESC, p.account_id
            """).all() {
            inputs.delinquentAccounts[try row.decode(column: "customer_id", as: String.self), default: []].append(DelinquentAccount(
                id: try row.decode(column: "account_id", as: String.self),
                currency: try currency(row),
                overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self)
            ))
        }
        let amount = "(d.principal_minor + d.interest_minor + d.fees_minor)"
        for row in try await database.raw("""
            SELECT p.account_id, a.currency, c.credit_rating, MIN(d.due_on) AS first_due_on, p.outstanding_minor,
                CAST(SUM(CASE WHEN d.due_on <= \(bind: tomorrow) THEN \(unsafeRaw: amount) ELSE 0 END) AS BIGINT) AS soon_minor,
                CAST(SUM(CASE WHEN d.due_on > \(bind: tomorrow) THEN \(unsafeRaw: amount) ELSE 0 END) AS BIGINT) AS later_minor
            FROM account_positions p
            JOIN accounts a ON a.id = p.account_id
            JOIN customers c ON c.id = a.customer_id
            JOIN dues d ON d.account_id = p.account_id AND d.due_on > \(bind: today)
            WHERE p.overdue_minor = 0
            GROUP BY p.account_id, a.currency, c.credit_rating, p.outstanding_minor
            HAVING MIN(d.due_on) <= \(bind: tomorrow)
            ORDER BY p.account_id
            """).all() {
            // Only what falls due by the next business day, less anything paid ahead already.
            let owedBeforeLater = try row.decode(column: "outstanding_minor", as: Int64.self) - row.decode(column: "later_minor", as: Int64.self)
            inputs.upcomingDues.append(UpcomingDue(
                accountId: try row.decode(column: "account_id", as: String.self),
                currency: try currency(row),
                rating: CreditRating(rawValue: try row.decode(column: "credit_rating", as: String.self)) ?? .e,
                firstDueOn: try row.decode(column: "first_due_on", as: String.self),
                neededMinor: min(try row.decode(column: "soon_minor", as: Int64.self), owedBeforeLater)
            ))
        }
        for row in try await database.raw("""
            SELECT r.id, r.customer_id, r.currency, r.amount_minor, k.segment FROM promises r JOIN cases k ON k.id = r.case_id
            WHERE r.status = 'pending' AND r.due_on > \(bind: today) AND r.due_on <= \(bind: tomorrow)
            ORDER BY r.id
            """).all() {
            let customerId = try row.decode(column: "customer_id", as: String.self)
            inputs.promisesDue.append(PendingPromise(
                id: try row.decode(column: "id", as: String.self),
                customerId: customerId,
                currency: try currency(row),
                amountMinor: try row.decode(column: "amount_minor", as: Int64.self),
                segment: try segment(row),
                brokenPromises: broken[customerId] ?? 0
            ))
        }
        return inputs
    }

    private static func segment(_ row: any SQLRow) throws -> Segment {
        Segment(rawValue: try row.decode(column: "segment", as: String.self)) ?? .standard
    }

    private static func currency(_ row: any SQLRow) throws -> Currency {
        Currency(code: try row.decode(column: "currency", as: String.self)) ?? .cny
    }
}
