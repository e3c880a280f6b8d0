/// One logged action of a bank's history (`arrears import actions`, issue 27): what was done
/// to a customer on a date, through which channel, in which strategy cell, and how likely that
/// channel was to be chosen for that customer that day. History only: it creates no work.
public struct ActionRecord: Equatable, Sendable {
    public static let columns = ["action_id", "customer_id", "date", "channel", "cell", "propensity"]
    public static let requiredColumns = ["action_id", "customer_id", "date", "channel"]

    public var id: String
    public var customerId: String
    /// The bank's local date of the action.
    public var date: LocalDate
    public var channel: ActionChannel
    /// The strategy cell (champion, challenger, a randomised test), when the file names one.
    public var cell: String?
    /// The probability, 0 < p ≤ 1, that this channel had of being chosen for this customer that
    /// day (1 for a rule that always chooses it), when it was logged.
    public var propensity: Double?

    public init(id: String, customerId: String, date: LocalDate, channel: ActionChannel, cell: String?, propensity: Double?) {
        self.id = id; self.customerId = customerId; self.date = date; self.channel = channel
        self.cell = cell; self.propensity = propensity
    }

    /// Reads the row; `within` holds the dates an action may have (not after the bank's today).
    public init(reading row: inout FieldReader, within dates: ClosedRange<LocalDate> = LocalDate.supportedRange) throws(RowErrors) {
        let id = row.identifier("action_id")
        let customerId = row.identifier("customer_id")
        let date = row.date("date", within: dates)
        let channel = row.oneOf("channel", ActionChannel.self)
        let cell = row.optionalText("cell", maxLength: 64)
        var propensity: Double?
        let text = row.raw("propensity").trimmingSpaces
        if !text.isEmpty {
            if let value = Double(text), value.isFinite, value > 0, value <= 1 {
                propensity = value
            } else {
                row.fail("propensity", "'\(text)' is not a probability above 0 and at most 1")
            }
        }
        guard row.errors.isEmpty, let channel else { throw RowErrors(row.errors) }
        self.init(id: id, customerId: customerId, date: date, channel: channel, cell: cell, propensity: propensity)
    }

    /// The columns in which `other` differs from this record, named as in the file.
    public func differences(from other: ActionRecord) -> [String] {
        var columns: [String] = []
        if customerId != other.customerId { columns.append("customer_id \(customerId)") }
        if date != other.date { columns.append("date \(date)") }
        if channel != other.channel { columns.append("channel \(channel.rawValue)") }
        if cell != other.cell { columns.append("cell \(cell ?? "(none)")") }
        if propensity != other.propensity { columns.append("propensity \(propensity.map { String($0) } ?? "(none)")") }
        return columns
    }
}
