import ArrearsCore
import ArrearsSampleData
import ArrearsStore
import ArrearsWorkflows
import Foundation
import SQLKit

/// `arrears demo`'s history: a sample portfolio lived through `days` business days of daily
/// runs, with customers responding as the behaviour model says, so that the server shows cases,
/// actions, promises and payments with a past, and champion/challenger cells with results.
///
/// The portfolio is generated as of `today` (so that its repayment schedules run through the
/// whole period) and imported into an empty store; payments dated after the first business day
/// are deleted, because from then on what customers pay is the simulator's to decide. Then each
/// business day D, oldest first: `DailyRun.run(D)`, then `Simulator.respond(to: D)`. Before the
/// run of `firstScoredDay`, the demo trains a pay30 and a roll scorecard on the history so far
/// (`ModelTraining` as of the business day before) and activates them, so that that run and
/// every later one scores the delinquent accounts and monitors each model (PSI by day). When the
/// strategy has optimised cells (issue 27), the demo also trains response models on its own
/// history every `responseRetrainDays` business days (a month) and activates them, so that the
/// optimised cells decide by what the demo's customers did after each channel; until the first
/// is trained they decide by the baseline forecast. Finally positions are recomputed as of
/// `today`. Deterministic: the same customers, seed, days,
/// today, strategy and model give the same history on either database.
public struct LivingDemo: Sendable {
    public let store: Store
    public let strategy: Strategy
    public let buckets: BucketScheme
    public let agents: [Agent]
    public let policy: PolicySettings
    public let model: BehaviourModel
    public let customers: Int
    /// Seeds both the sample portfolio and the customers' responses.
    public let seed: UInt64
    public let days: Int
    /// Where the reminders' self-service links point (`DailyRun.payURLBase`).
    public var payURLBase: String?
    /// The business day (1 for the first) whose run is the first to score with the demo's own
    /// models, trained just before it; `nil` trains none. By default the day after two thirds of
    /// the days, so that the last third is scored and monitored and the models learn from as
    /// much simulated history as that leaves.
    public var firstScoredDay: Int?
    /// The months held out to validate the demo's models (`ModelTraining.holdoutMonths`): by
    /// default the latest one, which in a demo of 60 business days or more is simulated history,
    /// so the hold-out AUC measures how well the models read the behaviour model's customers.
    public var holdoutMonths = 1
    /// Who trains and activates the models, in the audit log.
    public var actor = AuditEvent.commandLineActor
    /// The unit cost of each channel, set against an optimised cell's expected gain
    /// (`DailyRun.costs`); nil: channels cost nothing.
    public var costs: ChannelCosts?
    /// Daily budgets of SMS and letters for optimised cells (`DailyRun.budgets`).
    public var budgets: [Channel: Int] = [:]
    /// Business days between two trainings of the response models, when the strategy has
    /// optimised cells: the first is trained before the run of day `responseRetrainDays + 1`, as
    /// of the business day before, on the history so far, then again every as many days; 0
    /// trains none. By default 21, about a calendar month of business days.
    public var responseRetrainDays = 21
    /// The horizon the response models learn (`ResponseTraining.horizonDays`): two weeks by
    /// default, so that a month of history already holds actions whose horizon has ended (a
    /// 30-day horizon would leave the first month without a model). What a contact does in the
    /// behaviour model plays out within it: a payment the same day, or a promise due within
    /// `promise_days` (3 to 14 days).
    public var responseHorizonDays = 14

    public init(store: Store, strategy: Strategy, buckets: BucketScheme, agents: [Agent], policy: PolicySettings, model: BehaviourModel,
                customers: Int, seed: UInt64, days: Int) {
        precondition(days >= 1, "the demo lives through at least one business day")
        self.store = store
        self.strategy = strategy
        self.buckets = buckets
        self.agents = agents
        self.policy = policy
        self.model = model
        self.customers = customers
        self.seed = seed
        self.days = days
        firstScoredDay = days * 2 / 3 + 1
    }

    /// Writes the sample files into `dataDirectory`, imports them into the (empty) store and
    /// lives through the business days ending on or before `today`; `progress` hears each step.
    /// The last day is not one of the policy pack's holidays: on a holiday the pack holds every
    /// contact, and the demo would open on empty queues.
    public func run(today: LocalDate, dataDirectory: URL, progress: @escaping @Sendable (LivingDemoEvent) -> Void) async throws -> [CellResult] {
        var lastDay = today
        while !BusinessCalendar.isBusinessDay(lastDay) || policy.pack.holidays.holiday(on: lastDay) != nil { lastDay = lastDay.adding(days: -1) }
        let businessDays = BusinessCalendar.days(count: days, endingOnOrBefore: lastDay)
        let first = businessDays[0]
        progress(.generated(try PortfolioGenerator(customers: customers, seed: seed, asOf: today).write(to: dataDirectory)))
        let importer = PortfolioImporter(store: store)
        for kind in ImportKind.allCases {
            let file = dataDirectory.appendingPathComponent("\(kind.rawValue).csv").path
            progress(.imported(try await importer.importFile(kind, path: file) { progress(.importIssue($0)) }))
        }
        let later = try await store.sql.raw("SELECT COUNT(*) AS n FROM payments WHERE paid_on > \(bind: first.description)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        try await store.sql.raw("DELETE FROM payments WHERE paid_on > \(bind: first.description)").run()
        progress(.historyStarts(first, paymentsDropped: later))

        var run = DailyRun(store: store, strategy: strategy, buckets: buckets, agents: agents, policy: policy)
        if let payURLBase { run.payURLBase = payURLBase }
        run.costs = costs
        run.budgets = budgets
        let simulator = Simulator(store: store, model: model, seed: seed)
        for (index, day) in businessDays.enumerated() {
            if index + 1 == firstScoredDay {
                try await trainModels(asOf: index == 0 ? day : businessDays[index - 1], progress: progress)
            }
            if strategy.optimises, responseRetrainDays > 0, index > 0, index % responseRetrainDays == 0 {
                try await trainResponse(asOf: businessDays[index - 1], progress: progress)
            }
            let summary = try await run.run(day)
            let simulated = try await simulator.respond(to: day)
            progress(.day(LivingDemoDay(number: index + 1, of: businessDays.count, run: summary, simulated: simulated)))
        }
        let accounts = try await PositionRepository(store: store, buckets: buckets).recompute(asOf: today)
        progress(.recomputed(accounts: accounts, asOf: today))
        return try await CellResult.load(from: store.sql)
    }

    /// Trains response models on the history through `asOf` and activates them, so that the
    /// optimised cells' following runs value channels by them; a history without the examples a
    /// training needs (no action whose horizon has ended, no `none` to measure against) is
    /// reported and the cells go on as before.
    private func trainResponse(asOf: LocalDate, progress: @escaping @Sendable (LivingDemoEvent) -> Void) async throws {
        var training = ResponseTraining(asOf: asOf, horizonDays: responseHorizonDays)
        training.buckets = buckets
        do {
            let trained = try await training.train(on: store, actor: actor)
            let actor = actor
            progress(.responseTrained(try await store.transaction { database in
                try await ResponseModelRegistry(database: database).activate(trained.id, actor: actor)
            }))
        } catch let error as ResponseError {
            progress(.responseNotTrained(asOf: asOf, reason: error.description))
        }
    }

    /// Trains a scorecard of each target on the history through `asOf` and activates it, then
    /// gradient-boosted trees on the same history as its challenger, registered as a candidate
    /// (so the analytics page shows what the readable scorecard costs in AUC); a target whose
    /// history is too short (no observations, or one outcome only) is reported and skipped.
    private func trainModels(asOf: LocalDate, progress: @escaping @Sendable (LivingDemoEvent) -> Void) async throws {
        for target in ScoringTarget.allCases {
            var training = ModelTraining(target: target, asOf: asOf)
            training.buckets = buckets
            training.holdoutMonths = holdoutMonths
            do {
                let model = try await training.train(on: store, actor: actor)
                progress(.trained(try await ModelRegistry(database: store.sql).activate(model.id, actor: actor)))
                training.kind = .gbm
                progress(.challenger(try await training.train(on: store, actor: actor)))
            } catch let error as ScoringError {
                progress(.notTrained(target, reason: error.description))
            } catch let error as ScorecardError {
                progress(.notTrained(target, reason: error.description))
            }
        }
    }
}
