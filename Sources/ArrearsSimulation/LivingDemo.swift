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
/// business day D, oldest first: `DailyRun.run(D)`, then `Simulator.respond(to: D)`. Finally
/// positions are recomputed as of `today`. Deterministic: the same customers, seed, days,
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
    }

    /// Writes the sample files into `dataDirectory`, imports them into the (empty) store and
    /// lives through the business days ending on or before `today`; `progress` hears each step.
    public func run(today: LocalDate, dataDirectory: URL, progress: @escaping @Sendable (LivingDemoEvent) -> Void) async throws -> [CellResult] {
        let businessDays = BusinessCalendar.days(count: days, endingOnOrBefore: today)
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
        let simulator = Simulator(store: store, model: model, seed: seed)
        for (index, day) in businessDays.enumerated() {
            let summary = try await run.run(day)
            let simulated = try await simulator.respond(to: day)
            progress(.day(LivingDemoDay(number: index + 1, of: businessDays.count, run: summary, simulated: simulated)))
        }
        let accounts = try await PositionRepository(store: store, buckets: buckets).recompute(asOf: today)
        progress(.recomputed(accounts: accounts, asOf: today))
        return try await CellResult.load(from: store.sql)
    }
}
