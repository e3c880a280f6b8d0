import ArrearsCore
import SQLKit

/// Reads the history of actions the response models learn from (issue 27): the daily run's own
/// actions that were carried out (`actions` with status `created`: a message queued, a letter, a
/// task; the cell is the strategy's, the propensity unknown) and the imported history
/// (`action_history`, with its cell and logged propensity).
public struct ActionHistoryLoader: Sendable {
    /// One action of either source.
    public struct Action: Sendable, Equatable {
        public let customerId: String
        public let date: LocalDate
        public let channel: ActionChannel
        public let cell: String
        public let propensity: Double?
    }

    let database: any SQLDatabase

    public init(database: any SQLDatabase) { self.database = database }

    /// Every action, by customer, each customer's in date order.
    public func byCustomer() async throws -> [String: [Action]] {
        var result: [String: [Action]] = [:]
        let own = try await database.raw("""
            SELECT customer_id, business_date, channel, cell FROM actions WHERE status = 'created'
            """).all()
        for row in own {
            guard let action = try Self.action(row, dateColumn: "business_date", propensity: nil) else { continue }
            result[action.customerId, default: []].append(action)
        }
        for row in try await database.raw("SELECT customer_id, action_date, channel, cell, propensity FROM action_history").all() {
            let propensity = try row.decode(column: "propensity", as: String?.self).flatMap(Double.init)
            guard let action = try Self.action(row, dateColumn: "action_date", propensity: propensity) else { continue }
            result[action.customerId, default: []].append(action)
        }
        return result.mapValues { $0.sorted { $0.date < $1.date } }
    }

    /// The action in `row`; nil for a channel that is not one (an own action of another kind).
    private static func action(_ row: any SQLRow, dateColumn: String, propensity: Double?) throws -> Action? {
        let text = try row.decode(column: dateColumn, as: String.self)
        guard let date = LocalDate(iso: text) else { throw ScoringError.badStoredDate(column: dateColumn, value: text) }
        guard let channel = ActionChannel(rawValue: try row.decode(column: "channel", as: String.self)) else { return nil }
        return Action(customerId: try row.decode(column: "customer_id", as: String.self), date: date, channel: channel,
                      cell: try row.decode(column: "cell", as: String?.self) ?? "", propensity: propensity)
    }
}
