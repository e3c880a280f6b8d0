/// What a strategy recovers, costs and nets in one of its cells, each with a 95% interval (issue
/// 27, "Know the gain before and after"): the one answer `arrears simulate` and `arrears
/// evaluate` print, in minor units of `currency`.
public struct CellGain: Sendable, Equatable {
    /// A total and its 95% interval, in minor units.
    public struct Total: Sendable, Equatable {
        public let value: Int64
        public let low: Int64
        public let high: Int64

        public init(value: Int64, low: Int64, high: Int64) {
            self.value = value
            self.low = low
            self.high = high
        }

        /// Whether `amount` (minor units) lies within the interval.
        public func covers(_ amount: Int64) -> Bool { low <= amount && amount <= high }
    }

    public let cell: String
    /// The units the totals add up: customers (simulate) or logged decisions (evaluate).
    public let cases: Int
    public let currency: Currency
    public let recovered: Total
    public let cost: Total
    public let net: Total

    public init(cell: String, cases: Int, currency: Currency, recovered: Total, cost: Total, net: Total) {
        self.cell = cell
        self.cases = cases
        self.currency = currency
        self.recovered = recovered
        self.cost = cost
        self.net = net
    }

    /// The columns both commands print, in order.
    public static let columns = [
        "cell", "cases", "currency", "recovered", "recovered_low", "recovered_high", "cost", "cost_low", "cost_high", "net", "net_low", "net_high",
    ]
    /// The columns that are numbers in JSON.
    public static let numericColumns: Set<String> = Set(columns).subtracting(["cell", "currency"])

    /// The row under `columns`: amounts as decimals in the currency's major units.
    public var fields: [String] {
        let digits = currency.minorDigits
        func text(_ minor: Int64) -> String { DecimalAmount.format(minor, minorDigits: digits) }
        return [cell, String(cases), currency.code]
            + [recovered, cost, net].flatMap { [text($0.value), text($0.low), text($0.high)] }
    }
}
