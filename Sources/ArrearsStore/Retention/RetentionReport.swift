import ArrearsCore

/// What a retention run erased, or with `dryRun` would erase: per place, how many rows.
public struct RetentionReport: Sendable, Equatable {
    /// The rows of one place (`PersonalDataPlace`, or the audit log).
    public struct Place: Sendable, Equatable {
        public let table: String
        /// `anonymised`, `deleted` or (audit entries) `erased`.
        public let verb: String
        public let contents: String
        public var rows: Int
    }

    public let asOf: LocalDate
    /// Data of collection that ended before this day is erased.
    public let cutoff: LocalDate
    public let config: RetentionConfig
    public let dryRun: Bool
    /// Customers who qualify, erased before or not.
    public var qualifying = 0
    /// Customers whose own record (name, numbers, addresses) was anonymised by this run.
    public var customersErased: Int { places.first { $0.table == "customers" }?.rows ?? 0 }
    public var places: [Place]
    /// The audit entries whose details were erased.
    public var auditEntries = 0
    /// The audit entries that record the run, one per batch that changed something.
    public var runEntries: [Int] = []

    /// Whether nothing was (or would be) changed.
    public var isEmpty: Bool { auditEntries == 0 && places.allSatisfy { $0.rows == 0 } }
}
