/// What a strategy wants done for the cases it applies to: one channel, the words to use (for
/// messages and letters), how often, and under which conditions. Conditions left `nil` do not
/// restrict; DPD ranges include both ends.
public struct TreatmentRule: Sendable, Equatable {
    /// Unique within the strategy; the daily run keeps the cadence per case and name.
    public let name: String
    public let channel: Channel
    /// The message template; required for SMS, e-mail and letters.
    public let template: String?
    /// Acted on again only when at least this many days have passed since the last time.
    public let cadenceDays: Int
    public let segments: Set<Segment>?
    public let minDays: Int?
    public let maxDays: Int?
    /// Bucket names, an alternative to `minDays`/`maxDays`.
    public let buckets: Set<String>?
    /// Champion/challenger cells; `nil` is every cell.
    public let cells: Set<String>?
    /// The least overdue amount, a decimal in the case currency's major units.
    public let minOverdue: String?
    /// The case holds at least one of these products.
    public let products: Set<Product>?
    /// Plain words for reports and for the people who do the work.
    public let description: String

    let minOverdueAmount: MajorAmount?

    /// Throws when `minOverdue` is not a decimal amount; everything else is checked by `Strategy`.
    public init(
        name: String,
        channel: Channel,
        template: String? = nil,
        cadenceDays: Int,
        segments: Set<Segment>? = nil,
        minDays: Int? = nil,
        maxDays: Int? = nil,
        buckets: Set<String>? = nil,
        cells: Set<String>? = nil,
        minOverdue: String? = nil,
        products: Set<Product>? = nil,
        description: String
    ) throws(AmountError) {
        self.name = name
        self.channel = channel
        self.template = template
        self.cadenceDays = cadenceDays
        self.segments = segments
        self.minDays = minDays
        self.maxDays = maxDays
        self.buckets = buckets
        self.cells = cells
        self.minOverdue = minOverdue
        self.products = products
        self.description = description
        self.minOverdueAmount = try minOverdue.map { text throws(AmountError) in try MajorAmount(text) }
    }

    /// Whether the rule's own conditions hold for a case in `segment`, `cell` and `bucket`.
    func applies(to facts: CaseFacts, segment: Segment, cell: String, bucket: String) -> Bool {
        (segments.map { $0.contains(segment) } ?? true)
            && Condition.days(facts.daysPastDue, min: minDays, max: maxDays)
            && (buckets.map { $0.contains(bucket) } ?? true)
            && (cells.map { $0.contains(cell) } ?? true)
            && (minOverdueAmount.map { $0.isReached(byMinorUnits: facts.overdueMinor, in: facts.currency) } ?? true)
            && Condition.products(facts.products, anyOf: products)
    }
}
