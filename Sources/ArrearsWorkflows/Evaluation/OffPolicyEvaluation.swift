import ArrearsCore
import ArrearsStore
import Foundation

/// `arrears evaluate` (issue 27): what a strategy would have recovered over past dates,
/// estimated from the logged history alone (`DoublyRobustEvaluation`).
///
/// Every logged action (the daily run's own and the imported history) dated from `from` to
/// `to` of a customer with something overdue that day is a decision. Its features
/// (`ResponseFeatures`) and outcome (what the customer repaid within the horizon after it) are
/// those the response models learn from. What the strategy would have done that day is decided
/// from the customer's facts rebuilt from the ledgers (days past due, overdue and outstanding,
/// rating, products): a cell that decides by rules takes its first applicable treatment
/// (`Strategy.decide`); an optimised cell takes, among the treatments its rules allow, the
/// channel of largest expected net value (expected repayment over no contact, less the unit
/// cost), or none when nothing is worth its cost, valued by the active response model where it
/// answers and `BaselineRepaymentForecast` otherwise, as the daily run values them.
///
/// Not rebuilt from the history, and so not part of the evaluated choice: the teams' capacity
/// and budgets, the policy pack's blocks, the customer's contact points, cadences (when each
/// treatment was last used), holds by promises and arrangements, the scores of the day, and
/// an optimised cell's randomised share.
public struct OffPolicyEvaluation: Sendable {
    public var strategy: Strategy
    public var from: LocalDate
    public var to: LocalDate
    public var costs: ChannelCosts
    public var buckets = BucketScheme.standard
    public var estimator: DoublyRobustEvaluation

    public init(strategy: Strategy, from: LocalDate, to: LocalDate, costs: ChannelCosts) {
        self.strategy = strategy
        self.from = from
        self.to = to
        self.costs = costs
        estimator = DoublyRobustEvaluation(currency: costs.currency)
    }

    /// The days after an action within which repayment counts: the first optimised cell's
    /// `horizon_days`, else 30.
    public var horizonDays: Int { strategy.cells.compactMap(\.optimise).first?.horizonDays ?? 30 }

    /// Reads the history kept in `store` and estimates.
    public func evaluate(on store: Store) async throws -> DoublyRobustEvaluation.Result {
        try await evaluate(records: SQLScoringRecords(store: store))
    }

    public func evaluate(records: any ResponseRecords) async throws -> DoublyRobustEvaluation.Result {
        let ledgers = Dictionary(grouping: try await records.ledgers(.all), by: \.customerId)
        let behaviour = try await records.behaviour()
        let actions = try await records.actionHistory()
        let model = try await records.activeResponseModel()?.definition.model
        return try estimator.estimate(decisions(ledgers: ledgers, behaviour: behaviour, actions: actions, model: model),
                                      cells: strategy.cells.map(\.name), window: "\(from) to \(to)")
    }

    /// The logged decisions of the window with the strategy's choice for each.
    public func decisions(ledgers: [String: [AccountLedger]], behaviour: [String: CollectionBehaviour],
                          actions: [String: [ActionHistoryLoader.Action]], model: (any ChannelResponse)?) -> [LoggedDecision] {
        let horizon = horizonDays
        var found: [(example: ResponseExample, facts: CaseFacts)] = []
        for customerId in actions.keys.sorted() {
            guard let logged = actions[customerId], let accounts = ledgers[customerId] else { continue }
            let earlier = logged.map { ResponseFeatures.EarlierAction(date: $0.date, channel: $0.channel) }
            for action in logged where action.date >= from && action.date <= to && ResponseFeatures.isDelinquent(accounts, on: action.date) {
                let row = ResponseFeatures.row(accounts, behaviour[customerId] ?? .none, earlier: earlier, at: action.date,
                                               horizonDays: horizon, buckets: buckets)
                let example = ResponseExample(customerId: customerId, date: action.date, channel: action.channel, cell: action.cell,
                                              propensity: action.propensity, row: row,
                                              repaid: ResponseFeatures.repaid(accounts, after: action.date, days: horizon))
                found.append((example, facts(customerId, accounts, on: action.date)))
            }
        }
        let answers = model.map { $0.expectedRepayments(for: found.map(\.example.row)) }
        return found.enumerated().map { index, entry in
            let target = choice(entry.facts, on: entry.example.date, answers: answers?[index], horizonDays: model?.horizonDays ?? horizon)
            return LoggedDecision(example: entry.example, cell: strategy.cell(forCustomer: entry.example.customerId), target: target,
                                  targetCostMinor: target.channel.flatMap { costs.unitMinor[$0] } ?? 0)
        }
    }

    /// What the strategy would have chosen for a customer with `facts` on `date`.
    func choice(_ facts: CaseFacts, on date: LocalDate, answers: [ActionChannel: Double]?, horizonDays: Int) -> ActionChannel {
        let decision = strategy.decide(facts, on: date, buckets: buckets)
        guard strategy.optimisePlan(forCell: decision.cell) != nil else {
            if case .act(let rule) = decision.outcome { return ActionChannel(rule.channel) }
            return .none
        }
        let scale = pow(10.0, Double(costs.currency.minorDigits))
        let baseline = BaselineRepaymentForecast()
        func expected(_ channel: Channel?) -> Double {
            let fallback = Double(baseline.expectedRepayment(facts, segment: decision.segment, channel: channel, horizonDays: horizonDays))
            guard let answers, let control = answers[.none] else { return fallback }
            if let amount = answers[channel.map(ActionChannel.init) ?? .none] { return amount * scale }
            // A channel the model did not learn: its no contact plus the baseline's gain.
            let baselineControl = Double(baseline.expectedRepayment(facts, segment: decision.segment, channel: nil, horizonDays: horizonDays))
            return control * scale + fallback - baselineControl
        }
        let control = expected(nil)
        var best: (channel: ActionChannel, value: Double) = (.none, 0)
        for rule in strategy.allowedTreatments(facts, on: date, decision: decision) {
            let value = expected(rule.channel) - control - Double(costs.unitMinor[rule.channel] ?? 0)
            if value > best.value { best = (ActionChannel(rule.channel), value) }
        }
        return best.channel
    }

    /// The facts the strategy decides on, rebuilt from the customer's ledgers on `date`.
    func facts(_ customerId: String, _ ledgers: [AccountLedger], on date: LocalDate) -> CaseFacts {
        var dpd = 0, overdue: Int64 = 0, outstanding: Int64 = 0, products = Set<Product>(), rating = CreditRating.e
        for ledger in ledgers {
            let position = ledger.position(asOf: date)
            dpd = max(dpd, position.daysPastDue)
            overdue = MinorUnits.adding(overdue, position.overdue)
            outstanding = MinorUnits.adding(outstanding, position.outstanding)
            if let product = Product(rawValue: ledger.product) { products.insert(product) }
            rating = CreditRating(rawValue: ledger.creditRating) ?? rating
        }
        return CaseFacts(customerId: customerId, creditRating: rating, daysPastDue: dpd, overdueMinor: overdue, outstandingMinor: outstanding,
                         currency: costs.currency, products: products)
    }
}
