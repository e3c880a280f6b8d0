import ArrearsCore

/// What the simulator had customers do on one business date.
public struct SimulatedDay: Sendable, Equatable {
    public let date: LocalDate
    /// Customers in collections whom an action reached today (right-party contacts).
    public var customersReached = 0
    /// Payments from customers in collections: responses, self-cures and promises paid.
    public var collectionPayments = 0
    /// What those payments add up to, by currency code, in minor units.
    public var collectedMinor: [String: Int64] = [:]
    /// Payments of dues on time by customers who were up to date.
    public var onTimePayments = 0
    public var promisesMade = 0
    /// Promises falling due by the next business day that were paid (in full or in part).
    public var promisesPaid = 0

    public init(date: LocalDate) { self.date = date }

    /// Every payment written today.
    public var payments: Int { collectionPayments + onTimePayments }
}
