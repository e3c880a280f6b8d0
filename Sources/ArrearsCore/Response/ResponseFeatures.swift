import Foundation

/// What the response models see of a delinquent customer on the day of an action (issue 27),
/// computed the same way for the history (at each action's date) and for the daily run (at the
/// business date), from what was known that day: the customer's accounts' dues and payments
/// through it, promises and contact attempts before it, and the actions before it with whether
/// each was followed by a payment (only those whose horizon had ended by then).
///
/// Amounts are in major units of the accounts' currency, summed over the customer's accounts.
public enum ResponseFeatures {
    public static let numeric = [
        "dpd", "overdue", "outstanding", "overdue_share", "months_on_book", "paid_90d", "payments_90d", "days_since_payment",
        "late_dues_12m", "promises_90d", "promises_broken_90d", "attempts_30d", "rpc_30d", "actions_90d", "days_since_action",
        "earlier_response_rate",
    ]
    public static let categorical = ["bucket", "credit_rating", "product", "last_channel"]

    /// One customer's values on one day, numeric ones in `numeric` order (NaN = missing),
    /// categories in `categorical` order ("" = missing).
    public struct Row: Sendable, Equatable {
        public var numbers: [Double]
        public var categories: [String]

        public init(numbers: [Double], categories: [String]) {
            self.numbers = numbers
            self.categories = categories
        }
    }

    /// An earlier action of the customer: its date and channel.
    public struct EarlierAction: Sendable, Equatable {
        public let date: LocalDate
        public let channel: ActionChannel

        public init(date: LocalDate, channel: ActionChannel) {
            self.date = date
            self.channel = channel
        }
    }

    /// Whether the customer has anything overdue on `date`.
    public static func isDelinquent(_ ledgers: [AccountLedger], on date: LocalDate) -> Bool {
        ledgers.contains { $0.position(asOf: date).overdue > 0 }
    }

    /// What the customer paid after `date` and within `days` after it, in major units: the
    /// response an action on `date` is judged by.
    public static func repaid(_ ledgers: [AccountLedger], after date: LocalDate, days: Int) -> Double {
        ledgers.reduce(0) { total, ledger in
            total + Double(ledger.paid(after: date, through: date.adding(days: days))) / pow(10.0, Double(ledger.minorDigits))
        }
    }

    /// The customer's row on `date`. `earlier` holds the customer's actions in date order (any
    /// dated on or after `date` are ignored); an earlier action counts as answered when the
    /// customer paid within `horizonDays` after it, and only once that horizon ended before `date`.
    public static func row(_ ledgers: [AccountLedger], _ behaviour: CollectionBehaviour, earlier: [EarlierAction], at date: LocalDate,
                           horizonDays: Int, buckets: BucketScheme) -> Row {
        var dpd = 0, overdue = 0.0, outstanding = 0.0, monthsOnBook = 0.0, paid90 = 0.0, payments90 = 0, late = 0
        var lastPayment: LocalDate?
        var product = "", productOverdue = -1.0, rating = ""
        let ninetyDaysAgo = date.adding(days: -90), yesterday = date.adding(days: -1)
        for ledger in ledgers.sorted(by: { $0.accountId < $1.accountId }) {
            let scale = pow(10.0, Double(ledger.minorDigits))
            let position = ledger.position(asOf: date)
            dpd = max(dpd, position.daysPastDue)
            let accountOverdue = Double(position.overdue) / scale
            overdue += accountOverdue
            outstanding += Double(position.outstanding) / scale
            monthsOnBook = max(monthsOnBook, Double(max(0, date.days(since: ledger.openedOn))) / 30.4375)
            paid90 += Double(ledger.paid(after: ninetyDaysAgo, through: date)) / scale
            payments90 += ledger.payments(after: ninetyDaysAgo, through: date)
            late += ledger.duesPaidLate(after: date.adding(days: -365), through: yesterday)
            if let paid = ledger.lastPayment(through: date), lastPayment.map({ paid > $0 }) ?? true { lastPayment = paid }
            if accountOverdue > productOverdue {
                productOverdue = accountOverdue
                product = ledger.product
            }
            rating = ledger.creditRating
        }
        let before = earlier.filter { $0.date < date }
        let answerable = before.filter { $0.date.adding(days: horizonDays) < date }
        let answered = answerable.count { repaid(ledgers, after: $0.date, days: horizonDays) > 0 }
        let numbers: [Double] = [
            Double(dpd), overdue, outstanding, outstanding > 0 ? overdue / outstanding : .nan, monthsOnBook, paid90, Double(payments90),
            lastPayment.map { Double(date.days(since: $0)) } ?? .nan, Double(late),
            Double(CollectionBehaviour.count(behaviour.promisesMade, after: ninetyDaysAgo, through: yesterday)),
            Double(CollectionBehaviour.count(behaviour.promisesBroken, after: ninetyDaysAgo, through: yesterday)),
            Double(CollectionBehaviour.count(behaviour.attempts, after: date.adding(days: -30), through: yesterday)),
            Double(CollectionBehaviour.count(behaviour.rightPartyContacts, after: date.adding(days: -30), through: yesterday)),
            Double(before.count { $0.date > ninetyDaysAgo }),
            before.last.map { Double(date.days(since: $0.date)) } ?? .nan,
            answerable.isEmpty ? .nan : Double(answered) / Double(answerable.count),
        ]
        return Row(numbers: numbers, categories: [buckets.bucket(forDaysPastDue: dpd).name, rating, product, before.last?.channel.rawValue ?? ""])
    }

    /// Rows gathered column by column into the models' features.
    public struct Table: Sendable {
        private var numberColumns = Array(repeating: [Double](), count: ResponseFeatures.numeric.count)
        private var categoryColumns = Array(repeating: [String](), count: ResponseFeatures.categorical.count)

        public init() {}

        public init(_ rows: [Row]) {
            for row in rows { append(row) }
        }

        public mutating func append(_ row: Row) {
            for index in numberColumns.indices { numberColumns[index].append(index < row.numbers.count ? row.numbers[index] : .nan) }
            for index in categoryColumns.indices { categoryColumns[index].append(index < row.categories.count ? row.categories[index] : "") }
        }

        public var features: [Feature] {
            zip(ResponseFeatures.numeric, numberColumns).map { Feature(name: $0, values: .numeric($1)) }
                + zip(ResponseFeatures.categorical, categoryColumns).map { Feature(name: $0, values: .categorical($1), monotonicity: .none) }
        }
    }
}
