import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import SQLKit

/// `arrears simulate` (issue 27, "What-if simulation"): a strategy lived through business days
/// with the behaviour model answering, and what each of its cells recovered, cost and netted.
///
/// Meant for a copy of the bank's database (the command copies it first): each business day D
/// from `firstDay`, `DailyRun.run(D)` with the strategy, then `Simulator.respond(to: D)`. The
/// units are the customers with a case open on any simulated day, each in the strategy's cell
/// for them (`Strategy.cell(forCustomer:)`). A customer's recovered amount is what the simulated
/// customers paid in collections (responses, self-cures, promises kept; not dues paid on time)
/// from the first simulated day on; their cost is the unit cost (`config/costs.yaml`) of every
/// action created for them on the simulated days. Only amounts in the costs' currency count.
/// Intervals are `GainTally`'s, over customers: they say how much the totals vary from one
/// sample of customers to another under the same behaviour, not how wrong the behaviour model is.
public struct WhatIfSimulation: Sendable {
    public let store: Store
    public let strategy: Strategy
    public let buckets: BucketScheme
    public let agents: [Agent]
    public let policy: PolicySettings
    public let model: BehaviourModel
    public let costs: ChannelCosts
    public var budgets: [Channel: Int] = [:]
    public var seed: UInt64 = 1

    public init(store: Store, strategy: Strategy, buckets: BucketScheme, agents: [Agent], policy: PolicySettings, model: BehaviourModel,
                costs: ChannelCosts) {
        self.store = store
        self.strategy = strategy
        self.buckets = buckets
        self.agents = agents
        self.policy = policy
        self.model = model
        self.costs = costs
    }

    /// The first business day after the last completed daily run, or the first business day on
    /// or after `otherwise` when none has run.
    public func firstDay(otherwise: LocalDate) async throws -> LocalDate {
        let last = try await store.sql.raw("SELECT MAX(business_date) AS last FROM run_days").first()?.decode(column: "last", as: String?.self)
        if let last, let date = try? LocalDate.parse(last) { return BusinessCalendar.next(after: date) }
        return BusinessCalendar.isBusinessDay(otherwise) ? otherwise : BusinessCalendar.next(after: otherwise)
    }

    /// Lives through `days` business days from `first` and returns each cell's gains;
    /// `progress` hears each day.
    public func run(from first: LocalDate, days: Int, progress: @escaping @Sendable (LivingDemoDay) -> Void = { _ in }) async throws -> [CellGain] {
        var run = DailyRun(store: store, strategy: strategy, buckets: buckets, agents: agents, policy: policy)
        // The copy's messages never leave it; their links need an address all the same.
        run.payURLBase = "https://simulation.invalid/s/"
        if strategy.optimises {
            run.costs = costs
            run.budgets = budgets
        }
        let simulator = Simulator(store: store, model: model, seed: seed)
        var day = first, last = first
        for number in 1...max(days, 1) {
            let summary = try await run.run(day)
            let simulated = try await simulator.respond(to: day)
            progress(LivingDemoDay(number: number, of: days, run: summary, simulated: simulated))
            last = day
            day = BusinessCalendar.next(after: day)
        }
        return try await gains(from: first, through: last)
    }

    /// Each cell's customers, recovered and cost over the simulated days.
    func gains(from first: LocalDate, through last: LocalDate) async throws -> [CellGain] {
        let database = store.sql, start = first.description, end = last.description, currency = costs.currency.code
        var recovered: [String: Int64] = [:], cost: [String: Int64] = [:]
        for row in try await database.raw("""
            SELECT a.customer_id, CAST(SUM(p.amount_minor) AS BIGINT) AS paid FROM payments p JOIN accounts a ON a.id = p.account_id
            WHERE p.id LIKE 'SIM-%' AND p.id NOT LIKE 'SIM-DUE-%' AND p.paid_on >= \(bind: start) AND p.currency = \(bind: currency)
            GROUP BY a.customer_id
            """).all() {
            recovered[try row.decode(column: "customer_id", as: String.self)] = try row.decode(column: "paid", as: Int64.self)
        }
        for row in try await database.raw("""
            SELECT x.customer_id, x.channel, COUNT(*) AS n FROM actions x JOIN cases k ON k.id = x.case_id
            WHERE x.business_date >= \(bind: start) AND x.business_date <= \(bind: end) AND x.status = 'created' AND k.currency = \(bind: currency)
            GROUP BY x.customer_id, x.channel
            """).all() {
            guard let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else { continue }
            let count = Int64(try row.decode(column: "n", as: Int.self))
            let unit = costs.unitMinor[channel] ?? 0
            let customer = try row.decode(column: "customer_id", as: String.self)
            cost[customer] = MinorUnits.adding(cost[customer] ?? 0, MinorUnits.clamped(count.multipliedReportingOverflow(by: unit).partialValue))
        }
        var tally = GainTally(currency: costs.currency)
        for cell in strategy.cells { tally.include(cell: cell.name) }
        for row in try await database.raw("""
            SELECT DISTINCT customer_id FROM cases
            WHERE opened_on <= \(bind: end) AND (closed_on IS NULL OR closed_on >= \(bind: start)) AND currency = \(bind: currency)
            ORDER BY customer_id
            """).all() {
            let customer = try row.decode(column: "customer_id", as: String.self)
            tally.add(cell: strategy.cell(forCustomer: customer), recovered: Double(recovered[customer] ?? 0), cost: Double(cost[customer] ?? 0))
        }
        return tally.gains
    }
}
