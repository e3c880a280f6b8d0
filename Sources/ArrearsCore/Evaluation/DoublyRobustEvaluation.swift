import Foundation

/// Estimates from a logged history what another strategy would have recovered (issue 27,
/// `arrears evaluate`): the doubly robust (augmented inverse propensity weighted) value of a
/// deterministic policy.
///
/// For a logged decision i with features xᵢ, logged channel Tᵢ taken with propensity eᵢ, repaid
/// amount yᵢ, and the channel π(xᵢ) the evaluated strategy would have chosen, the score is
///
///     Γᵢ = μ̂_π(xᵢ) + [Tᵢ = π(xᵢ)] (yᵢ − μ̂_π(xᵢ)) / eᵢ
///
/// where μ̂_c is an outcome model of the amount repaid after channel c: gradient-boosted
/// regression trees of the response models' machinery (`GradientBoostingRegressor`, weighted by
/// 1/e as `ResponseLearner`'s are), **cross-fitted**: customers are split into `folds` by a
/// seeded hash of their id, and each fold's decisions are predicted by models fitted on the
/// other folds. E[Γᵢ] is what customer i would have repaid under the strategy when either the
/// outcome models or the propensities are right. A cell's recovered total is ΣΓᵢ over its
/// decisions, its cost the strategy's unit costs of π(xᵢ), with intervals from `GainTally`
/// (±1.96 √n s over the decisions).
///
/// Only decisions logged with a propensity are used (at least `minimumPropensity`); the
/// estimate is refused (`EvaluationError`) when none has one, when every propensity is 1, or
/// when the strategy would choose a channel that the history never took.
public struct DoublyRobustEvaluation: Sendable {
    /// The evaluation's currency: outcomes (major units) are converted to its minor units.
    public var currency: Currency
    public var settings: GradientBoostingSettings = ResponseLearner.defaultSettings
    public var folds = 2
    public var minimumPropensity = 0.01
    public var seed: UInt64 = 1

    public init(currency: Currency) { self.currency = currency }

    /// What the evaluation found: the cells' gains, and how many decisions it used and left out
    /// because they had no logged propensity.
    public struct Result: Sendable, Equatable {
        public let gains: [CellGain]
        public let used: Int
        public let withoutPropensity: Int
    }

    /// The gains of every cell of `cells` (zero for one without decisions) and of every cell the
    /// decisions name; `window` names the dates in the refusal when there are no decisions.
    public func estimate(_ decisions: [LoggedDecision], cells: [String] = [], window: String = "the window") throws(EvaluationError) -> Result {
        guard folds >= 2, folds <= 10 else { throw .invalidSetting(name: "folds", value: Double(folds), rule: "from 2 to 10") }
        guard minimumPropensity > 0, minimumPropensity <= 1 else {
            throw .invalidSetting(name: "minimumPropensity", value: minimumPropensity, rule: "above 0 and at most 1")
        }
        do { try settings.validate() } catch { throw .fitting(error) }
        guard !decisions.isEmpty else { throw .noDecisions(window: window) }
        let logged = decisions.filter { $0.example.propensity != nil }
        guard !logged.isEmpty else { throw .noPropensities }
        let propensities = logged.map { max(minimumPropensity, min(1, $0.example.propensity ?? 1)) }
        guard propensities.contains(where: { $0 < 1 }) else { throw .noVariation }
        let taken = Set(logged.map(\.example.channel))
        var wanted: [ActionChannel: Int] = [:]
        for decision in logged { wanted[decision.target, default: 0] += 1 }
        if let missing = wanted.keys.sorted().first(where: { !taken.contains($0) }) {
            throw .channelNeverLogged(missing, decisions: wanted[missing] ?? 0)
        }

        let scale = pow(10.0, Double(currency.minorDigits))
        let features = ResponseFeatures.Table(logged.map(\.example.row)).features
        let fold = logged.map { min(folds - 1, Int(ResponseLearner.unit($0.example.customerId, seed: seed) * Double(folds))) }
        var predicted = Array(repeating: 0.0, count: logged.count)
        for k in 0..<folds {
            let inside = logged.indices.filter { fold[$0] == k }
            for channel in Set(inside.map { logged[$0].target }) {
                let rows = inside.filter { logged[$0].target == channel }
                let outside = logged.indices.filter { fold[$0] != k && logged[$0].example.channel == channel }
                // A fold without the channel learns it from every fold: the estimate stays
                // doubly robust through the propensities, only less efficient.
                let training = outside.isEmpty ? logged.indices.filter { logged[$0].example.channel == channel } : outside
                let values = try outcomeModel(training, predicting: rows, decisions: logged, propensities: propensities, features: features)
                for (row, value) in zip(rows, values) { predicted[row] = value }
            }
        }
        var tally = GainTally(currency: currency)
        for cell in cells + decisions.map(\.cell) { tally.include(cell: cell) }
        for (index, decision) in logged.enumerated() {
            var score = predicted[index]
            if decision.example.channel == decision.target { score += (decision.example.repaid - predicted[index]) / propensities[index] }
            tally.add(cell: decision.cell, recovered: score * scale, cost: Double(decision.targetCostMinor))
        }
        return Result(gains: tally.gains, used: logged.count, withoutPropensity: decisions.count - logged.count)
    }

    /// The expected amount repaid (major units, at least 0) for `rows`, learned on `training`
    /// (decisions that took one channel): boosted trees with 1/propensity weights, or their
    /// weighted mean when there are too few to grow a tree.
    private func outcomeModel(_ training: [Int], predicting rows: [Int], decisions: [LoggedDecision], propensities: [Double],
                              features: [Feature]) throws(EvaluationError) -> [Double] {
        let targets = training.map { decisions[$0].example.repaid }, weights = training.map { 1 / propensities[$0] }
        guard training.count >= 2 * settings.minSamplesPerLeaf else {
            let total = weights.reduce(0, +)
            let mean = total > 0 ? zip(targets, weights).reduce(0) { $0 + $1.0 * $1.1 } / total : 0
            return Array(repeating: mean, count: rows.count)
        }
        do {
            let model = try GradientBoostingRegressor.fit(features.map { $0.rows(training) }, targets: targets, weights: weights, settings: settings)
            return model.predictions(for: features.map { $0.rows(rows) }).map { max(0, $0) }
        } catch {
            throw .fitting(error)
        }
    }
}
