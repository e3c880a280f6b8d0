import ArrearsCore
import SQLKit

/// What the active response model expects of each delinquent customer on a business date
/// (issue 27), for the optimised strategy cells: per customer, the expected amount repaid
/// within the model's horizon under each channel, `none` included, in major units.
public enum ResponseScoring {
    /// The active model, the features of every customer with an account delinquent in the stored
    /// positions (or of `customers` only) on `date`, and the model's answers; nil when no
    /// response model is active.
    public static func expectedRepayments(on date: LocalDate, customers: Set<String>? = nil, buckets: BucketScheme = .standard,
                                          database: any SQLDatabase) async throws -> (model: ResponseModelRecord, answers: [String: [ActionChannel: Double]])? {
        guard let record = try await ResponseModelRegistry(database: database).active() else { return nil }
        let loader = LedgerLoader(database: database)
        var ledgers = Dictionary(grouping: try await loader.ledgers(.delinquent), by: \.customerId)
        if let customers { ledgers = ledgers.filter { customers.contains($0.key) } }
        let behaviour = try await loader.behaviour()
        let actions = try await ActionHistoryLoader(database: database).byCustomer()
        let ids = ledgers.keys.sorted()
        let rows = ids.map { id in
            ResponseFeatures.row(ledgers[id] ?? [], behaviour[id] ?? .none,
                                 earlier: (actions[id] ?? []).map { ResponseFeatures.EarlierAction(date: $0.date, channel: $0.channel) },
                                 at: date, horizonDays: record.horizonDays, buckets: buckets)
        }
        let answers = record.definition.model.expectedRepayments(for: rows)
        return (record, Dictionary(uniqueKeysWithValues: zip(ids, answers)))
    }
}
