/// What the daily run knows about one customer's open case on a business date: everything the
/// strategy decides on, and nothing it does not.
public struct CaseFacts: Sendable, Equatable {
    public var customerId: String
    public var creditRating: CreditRating
    public var language: Language
    public var region: String?
    /// The worst days past due over the customer's accounts.
    public var daysPastDue: Int
    /// Total overdue, in minor units of `currency`.
    public var overdueMinor: Int64
    /// Total outstanding, in minor units of `currency`.
    public var outstandingMinor: Int64
    public var currency: Currency
    public var products: Set<Product>
    /// The propensity-to-pay score once scoring exists; `nil` until then.
    public var score: Int?
    /// The due date of a pending promise to pay, if there is one.
    public var promiseToPayDueOn: LocalDate?
    /// An arrangement (instalment plan, deferral, …) is active and being kept.
    public var arrangementActive: Bool
    /// The arrangements that hold the case, in plain words, for the hold's reason.
    public var arrangementsKept: [String]
    /// Treatment name → the last business date it was acted on for this case.
    public var lastActedOn: [String: LocalDate]

    public init(
        customerId: String,
        creditRating: CreditRating,
        language: Language = .default,
        region: String? = nil,
        daysPastDue: Int,
        overdueMinor: Int64,
        outstandingMinor: Int64,
        currency: Currency = .cny,
        products: Set<Product> = [],
        score: Int? = nil,
        promiseToPayDueOn: LocalDate? = nil,
        arrangementActive: Bool = false,
        arrangementsKept: [String] = [],
        lastActedOn: [String: LocalDate] = [:]
    ) {
        self.customerId = customerId
        self.creditRating = creditRating
        self.language = language
        self.region = region
        self.daysPastDue = daysPastDue
        self.overdueMinor = overdueMinor
        self.outstandingMinor = outstandingMinor
        self.currency = currency
        self.products = products
        self.score = score
        self.promiseToPayDueOn = promiseToPayDueOn
        self.arrangementActive = arrangementActive
        self.arrangementsKept = arrangementsKept
        self.lastActedOn = lastActedOn
    }
}
