import ArrearsCore
import SQLKit

/// Reads the history of actions the response models learn from (issue 27): the daily run's own
/// actions that were carried out (`actions` with status `created`: a message queued, a letter, a
/// task someone had, a deliberate no contact; a task left waiting in a full queue reached nobody
/// and is not one; the cell is the strategy's, the propensity the one an optimised cell logged, else unknown) and the imported history
/// (`action_history`, with its cell and logged propensity).
///
/// On SQLite inside a transaction (the daily run's) the rows are stepped on the raw connection
/// (`SQLiteDirect`), each column read as bytes; elsewhere they are decoded through SQLKit. Both
/// return the same actions in the same order (the store tests hold them equal).
public struct ActionHistoryLoader: Sendable {
    /// One action of either source.
    public struct Action: Sendable, Equatable {
        public let customerId: String
        public let date: LocalDate
        public let channel: ActionChannel
        public let cell: String
        public let propensity: Double?

        public init(customerId: String, date: LocalDate, channel: ActionChannel, cell: String, propensity: Double?) {
            self.customerId = customerId
            self.date = date
            self.channel = channel
            self.cell = cell
            self.propensity = propensity
        }
    }

    let database: any SQLDatabase
    /// Whether the raw SQLite connection is used when there is one; the tests read both ways.
    var path: RowPath = .direct

    public init(database: any SQLDatabase) { self.database = database }

    /// The daily run's own actions that were carried out, then the imported history.
    private static let sources = [
        (sql: """
            SELECT customer_id, business_date, channel, cell, propensity FROM actions
            WHERE status = 'created' AND (channel IN ('sms', 'email', 'letter', 'none') OR assigned_to IS NOT NULL)
            """, dateColumn: "business_date"),
        (sql: "SELECT customer_id, action_date, channel, cell, propensity FROM action_history", dateColumn: "action_date"),
    ]

    /// Every action, by customer, each customer's in date order.
    public func byCustomer() async throws -> [String: [Action]] {
        if path == .direct, let scanned = try await SQLiteDirect.run(on: database, { try Self.scan(on: $0) }) {
            return Self.inDateOrder(scanned)
        }
        var result: [String: [Action]] = [:]
        for source in Self.sources {
            for row in try await database.raw(SQLQueryString(source.sql)).all() {
                // An optimised cell logs the propensity of its choice; the other cells leave it empty.
                let propensity = try row.decode(column: "propensity", as: String?.self).flatMap(Double.init)
                guard let action = try Self.action(row, dateColumn: source.dateColumn, propensity: propensity) else { continue }
                result[action.customerId, default: []].append(action)
            }
        }
        return Self.inDateOrder(result)
    }

    /// Each customer's actions sorted by date, those of a day in the order read.
    private static func inDateOrder(_ actions: [String: [Action]]) -> [String: [Action]] {
        actions.mapValues { $0.sorted { $0.date < $1.date } }
    }

    /// The action in `row`; nil for a channel that is not one (an own action of another kind).
    private static func action(_ row: any SQLRow, dateColumn: String, propensity: Double?) throws -> Action? {
        let text = try row.decode(column: dateColumn, as: String.self)
        guard let date = LocalDate(iso: text) else { throw ScoringError.badStoredDate(column: dateColumn, value: text) }
        guard let channel = ActionChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
        return Action(customerId: try row.decode(column: "customer_id", as: String.self), date: date, channel: channel,
                      cell: try row.decode(column: "cell", as: String?.self) ?? "", propensity: propensity)
    }

    /// The same rows stepped on the raw connection, by customer in the order read.
    private static func scan(on sqlite: SQLiteDirect) throws -> [String: [Action]] {
        var result: [String: [Action]] = [:]
        for source in sources {
            let statement = try sqlite.prepare(source.sql)
            while try statement.step() {
                let propensity = statement.isNull(4) ? nil : Double(statement.string(4))
                let date = try LedgerScan.date(statement, 1, column: source.dateColumn)
                guard let channel = ActionChannel(rawValue: statement.string(2)) else { continue }
                let customer = statement.string(0)
                result[customer, default: []].append(Action(customerId: customer, date: date, channel: channel,
                                                            cell: statement.isNull(3) ? "" : statement.string(3), propensity: propensity))
            }
        }
        return result
    }
}
