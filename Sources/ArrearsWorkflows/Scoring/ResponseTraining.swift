import ArrearsCore
import ArrearsStore
import Foundation

/// Trains the response models from the history (issue 27, `arrears model train --target
/// response`): every logged action (the daily run's own and the imported ones) of a customer
/// delinquent that day, after `since` and whose horizon ended by the as-of date, becomes an
/// example: the customer's `ResponseFeatures` on the action's date, the channel, its cell and
/// propensity, and what the customer repaid within the horizon after it. `ResponseLearner` fits
/// them; the result is registered as a candidate.
public struct ResponseTraining: Sendable {
    public var asOf: LocalDate
    public var horizonDays = 30
    /// Months of history before the as-of date to learn from.
    public var months = 24
    public var learner: ResponseLearner
    public var buckets = BucketScheme.standard

    public init(asOf: LocalDate, horizonDays: Int = 30) {
        self.asOf = asOf
        self.horizonDays = horizonDays
        learner = ResponseLearner(horizonDays: horizonDays)
    }

    /// Actions after this date are examples.
    public var since: LocalDate { asOf.adding(months: -months).adding(days: -horizonDays) }

    /// The examples in the history, and how many actions were read and how many left out because
    /// the customer had nothing overdue that day. `unreachable` holds the channels that cannot
    /// reach each customer (no mobile, no e-mail address).
    public func examples(ledgers: [String: [AccountLedger]], behaviour: [String: CollectionBehaviour],
                         actions: [String: [ActionHistoryLoader.Action]],
                         unreachable: [String: Set<ActionChannel>] = [:]) -> (examples: [ResponseExample], read: Int, notDelinquent: Int) {
        let lastDate = asOf.adding(days: -horizonDays), since = self.since
        var examples: [ResponseExample] = [], read = 0, notDelinquent = 0
        for customerId in actions.keys.sorted() {
            guard let logged = actions[customerId], let accounts = ledgers[customerId] else { continue }
            let earlier = logged.map { ResponseFeatures.EarlierAction(date: $0.date, channel: $0.channel) }
            for action in logged where action.date > since && action.date <= lastDate {
                read += 1
                guard ResponseFeatures.isDelinquent(accounts, on: action.date) else {
                    notDelinquent += 1
                    continue
                }
                let row = ResponseFeatures.row(accounts, behaviour[customerId] ?? .none, earlier: earlier, at: action.date,
                                               horizonDays: horizonDays, buckets: buckets)
                examples.append(ResponseExample(customerId: customerId, date: action.date, channel: action.channel, cell: action.cell,
                                                propensity: action.propensity, row: row,
                                                repaid: ResponseFeatures.repaid(accounts, after: action.date, days: horizonDays),
                                                unreachable: unreachable[customerId] ?? []))
            }
        }
        return (examples, read, notDelinquent)
    }

    /// Reads the history, fits, and registers the models as a new candidate version.
    public func train(on store: Store, actor: String, now: Date = Date()) async throws -> ResponseModelRecord {
        try await train(records: SQLScoringRecords(store: store), actor: actor, now: now)
    }

    /// Reads the history `records` keeps, fits, and registers the models there as a new candidate version.
    public func train(records: any ResponseRecords, actor: String, now: Date = Date()) async throws -> ResponseModelRecord {
        guard horizonDays >= 1, horizonDays <= 366 else {
            throw ResponseError.invalidSetting(name: "--horizon-days", value: Double(horizonDays), rule: "from 1 to 366")
        }
        let ledgers = Dictionary(grouping: try await records.ledgers(.all), by: \.customerId)
        let behaviour = try await records.behaviour()
        let actions = try await records.actionHistory()
        let found = examples(ledgers: ledgers, behaviour: behaviour, actions: actions, unreachable: try await records.unreachableChannels())
        guard !found.examples.isEmpty else {
            throw ResponseError.noExamples(window: "\(since.adding(days: 1)) to \(asOf.adding(days: -horizonDays))")
        }
        let model = try learner.fit(found.examples)
        let definition = ResponseModelRecord.Definition(since: since.description, actionsRead: found.read, notDelinquent: found.notDelinquent, model: model)
        let asOf = self.asOf, horizonDays = self.horizonDays
        return try await records.registerResponseCandidate { version in
            ResponseModelRecord(id: ResponseModelRecord.id(version: version), version: version, status: .candidate, asOf: asOf.description,
                                horizonDays: horizonDays, trainedAt: UTCTimestamp.text(now), trainedBy: actor, activatedAt: nil,
                                definition: definition)
        }
    }
}
