import Foundation

/// The features both models see, computed the same way for training (at past dates) and for the
/// daily run (at the business date), from what was known on that date: the account's dues and
/// payments through it, and the customer's promises and contact attempts before it.
///
/// Documented in docs/scoring.md; a model stores the names it was trained on, and scoring builds
/// exactly these.
public enum ScoringFeatures {
    public static let numeric = [
        "dpd", "overdue_share", "outstanding", "months_on_book", "paid_90d_ratio", "payments_90d",
        "days_since_payment", "late_dues_12m", "promises_90d", "promises_broken_90d", "attempts_30d", "rpc_30d",
    ]
    public static let categorical = ["product", "credit_rating"]

    /// One observation's values, numeric ones in `numeric` order (NaN = missing).
    public struct Row: Sendable {
        public var numbers: [Double]
        public var categories: [String]
    }

    public static func row(_ ledger: AccountLedger, _ behaviour: CollectionBehaviour, at date: LocalDate) -> Row {
        let position = ledger.position(asOf: date)
        let scale = pow(10.0, Double(ledger.minorDigits))
        let ninetyDaysAgo = date.adding(days: -90)
        let dueLately = ledger.due(after: ninetyDaysAgo, through: date)
        let paidLately = ledger.paid(after: ninetyDaysAgo, through: date)
        let lastPayment = ledger.lastPayment(through: date)
        let yesterday = date.adding(days: -1)
        let numbers: [Double] = [
            Double(position.daysPastDue),
            position.outstanding > 0 ? Double(position.overdue) / Double(position.outstanding) : .nan,
            Double(position.outstanding) / scale,
            Double(max(0, date.days(since: ledger.openedOn))) / 30.4375,
            dueLately > 0 ? Double(paidLately) / Double(dueLately) : .nan,
            Double(ledger.payments(after: ninetyDaysAgo, through: date)),
            lastPayment.map { Double(date.days(since: $0)) } ?? .nan,
            Double(ledger.duesPaidLate(after: date.adding(days: -365), through: yesterday)),
            Double(CollectionBehaviour.count(behaviour.promisesMade, after: ninetyDaysAgo, through: yesterday)),
            Double(CollectionBehaviour.count(behaviour.promisesBroken, after: ninetyDaysAgo, through: yesterday)),
            Double(CollectionBehaviour.count(behaviour.attempts, after: date.adding(days: -30), through: yesterday)),
            Double(CollectionBehaviour.count(behaviour.rightPartyContacts, after: date.adding(days: -30), through: yesterday)),
        ]
        return Row(numbers: numbers, categories: [ledger.product, ledger.creditRating])
    }

    /// Rows gathered column by column into the scorecard's features.
    public struct Table: Sendable {
        private var numberColumns = Array(repeating: [Double](), count: ScoringFeatures.numeric.count)
        private var categoryColumns = Array(repeating: [String](), count: ScoringFeatures.categorical.count)

        public init() {}

        public var count: Int { numberColumns[0].count }

        public mutating func append(_ row: Row) {
            for index in row.numbers.indices { numberColumns[index].append(row.numbers[index]) }
            for index in row.categories.indices { categoryColumns[index].append(row.categories[index]) }
        }

        public var features: [Feature] {
            zip(ScoringFeatures.numeric, numberColumns).map { Feature(name: $0, values: .numeric($1)) }
                + zip(ScoringFeatures.categorical, categoryColumns).map { Feature(name: $0, values: .categorical($1), monotonicity: .none) }
        }
    }
}
