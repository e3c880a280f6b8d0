import Foundation

/// Learns what each channel does (issue 27): a T-learner of gradient-boosted regression trees,
/// one outcome model per channel (`none` included) of the amount repaid within the horizon,
/// each channel's effect against none estimated by a doubly robust estimator on cross-fitted
/// models, and the ranking by predicted effect measured on held-out customers.
///
/// - **Weights and propensities.** An example's propensity is the one logged with it, else the
///   share of its channel among the examples of its cell (a randomised cell's shares are its
///   probabilities; a rule's channel in its cell is 1), kept at `minimumPropensity` or more.
///   Outcome models are fitted with weights 1/propensity, so that they learn the population the
///   history acted on rather than the one a rule chose for a channel.
/// - **Hold-out.** Customers are split at random (seeded, by their id), `holdoutShare` of them
///   held out with all their actions, so that no customer is in both parts.
/// - **Cross-fitting.** The training customers are split into `folds`; each fold's rows are
///   predicted by the models fitted on the other folds. With those out-of-fold predictions μ̂
///   and the propensity e of the channel taken, each example's AIPW score for channel c is
///   μ̂_c(x) − μ̂_none(x) + [T = c](y − μ̂_c(x))/e − [T = none](y − μ̂_none(x))/e; their mean is the
///   average effect of c against none, consistent when either the outcome models or the
///   propensities are right, with a 95% interval of ± 1.96 standard errors.
/// - **Support.** The mean is over the training examples where the history took both c and none:
///   in the cells where both were taken, with days past due within both channels' ranges, for
///   the credit ratings and products both were taken for, and for customers c could reach (no
///   e-mail without an address) unless the history took c for others too. A channel the
///   guardrails allow only early, or only for prime ratings, has no outcomes elsewhere, and its
///   model's answers there are extrapolation; averaging them in would report an effect nobody
///   observed.
/// - **Final models** are fitted on all training rows; on the hold-out, examples of c and of
///   none are ranked by μ̂_c − μ̂_none for the Qini coefficient and the uplift at the top 10% and
///   30% (`UpliftCurve`, weighted by 1/propensity).
public struct ResponseLearner: Sendable {
    public var horizonDays: Int
    /// The boosted trees of every outcome model.
    public var settings: GradientBoostingSettings
    public var holdoutShare = 0.25
    public var folds = 2
    public var minimumPropensity = 0.01
    public var seed: UInt64 = 1

    public init(horizonDays: Int, settings: GradientBoostingSettings = ResponseLearner.defaultSettings) {
        self.horizonDays = horizonDays
        self.settings = settings
    }

    /// Smaller trees with more rows per leaf than the classifier's defaults: amounts repaid are
    /// noisy, and a leaf of few rows learns the noise.
    public static let defaultSettings = GradientBoostingSettings(maxTrees: 400, learningRate: 0.05, maxLeaves: 15, maxDepth: 5, minSamplesPerLeaf: 40,
                                                                 validationShare: 0.15, earlyStoppingRounds: 30)

    public func fit(_ examples: [ResponseExample]) throws(ResponseError) -> ResponseModel {
        guard holdoutShare > 0, holdoutShare < 1 else { throw .invalidSetting(name: "holdoutShare", value: holdoutShare, rule: "above 0 and below 1") }
        guard folds >= 2, folds <= 10 else { throw .invalidSetting(name: "folds", value: Double(folds), rule: "from 2 to 10") }
        guard minimumPropensity > 0, minimumPropensity <= 1 else {
            throw .invalidSetting(name: "minimumPropensity", value: minimumPropensity, rule: "above 0 and at most 1")
        }
        do { try settings.validate() } catch { throw .fitting(error) }
        guard !examples.isEmpty else { throw .noExamples(window: "the history") }
        let propensities = propensities(examples)
        let weights = propensities.map { 1 / $0 }
        var training: [Int] = [], holdout: [Int] = [], fold: [Int: Int] = [:]
        for index in examples.indices {
            let draw = Self.unit(examples[index].customerId, seed: seed)
            if draw < holdoutShare {
                holdout.append(index)
            } else {
                training.append(index)
                fold[index] = min(folds - 1, Int((draw - holdoutShare) / (1 - holdoutShare) * Double(folds)))
            }
        }
        guard training.contains(where: { examples[$0].channel == .none }) else { throw .noControl(part: "training") }
        guard holdout.contains(where: { examples[$0].channel == .none }) else { throw .noControl(part: "hold-out") }
        let channels = ActionChannel.allCases.filter { channel in training.contains { examples[$0].channel == channel } }
        guard channels.count > 1 else { throw .noContactChannel }

        let features = ResponseFeatures.Table(examples.map(\.row)).features
        func fitModel(_ channel: ActionChannel, rows: [Int]) throws(ResponseError) -> BoostedRegression? {
            let chosen = rows.filter { examples[$0].channel == channel }
            guard !chosen.isEmpty else { return nil }
            do {
                return try GradientBoostingRegressor.fit(features.map { $0.rows(chosen) }, targets: chosen.map { examples[$0].repaid },
                                                         weights: chosen.map { weights[$0] }, settings: settings)
            } catch { throw .fitting(error) }
        }
        func predict(_ model: BoostedRegression?, _ rows: [Int]) -> [Double] {
            guard let model else { return Array(repeating: .nan, count: rows.count) }
            return model.predictions(for: features.map { $0.rows(rows) })
        }

        // Out-of-fold predictions of every channel's model for every training row.
        var outOfFold = [ActionChannel: [Int: Double]]()
        for k in 0..<folds {
            let inside = training.filter { fold[$0] == k }, outside = training.filter { fold[$0] != k }
            guard !inside.isEmpty else { continue }
            for channel in channels {
                let predictions = predict(try fitModel(channel, rows: outside), inside)
                for (row, value) in zip(inside, predictions) { outOfFold[channel, default: [:]][row] = value }
            }
        }
        var finals: [ResponseModel.Outcome] = []
        var finalModels: [ActionChannel: BoostedRegression] = [:]
        for channel in channels {
            guard let model = try fitModel(channel, rows: training) else { continue }
            finalModels[channel] = model
            finals.append(ResponseModel.Outcome(channel: channel, regression: model, trainingRows: training.count { examples[$0].channel == channel },
                                                  holdoutRows: holdout.count { examples[$0].channel == channel }))
        }
        let controlHoldout = predict(finalModels[.none], holdout)
        var effects: [ChannelEffect] = []
        let trainingExamples = training.map { examples[$0] }
        for channel in channels where channel != .none {
            // AIPW over the training rows in the channel's support whose two out-of-fold predictions exist.
            let support = Self.support(of: channel, trainingExamples)
            var scores: [Double] = []
            for row in training where support.contains(examples[row]) {
                guard let treated = outOfFold[channel]?[row], let control = outOfFold[.none]?[row], treated.isFinite, control.isFinite else { continue }
                let example = examples[row]
                var score = treated - control
                if example.channel == channel { score += (example.repaid - treated) * weights[row] }
                if example.channel == .none { score -= (example.repaid - control) * weights[row] }
                scores.append(score)
            }
            let (mean, standardError) = Self.meanAndStandardError(scores)
            let margin = standardError.map { 1.96 * $0 }
            let treatedHoldout = predict(finalModels[channel], holdout)
            var rankScores: [Double] = [], treated: [Bool] = [], outcomes: [Double] = [], rankWeights: [Double] = []
            for (position, row) in holdout.enumerated()
            where (examples[row].channel == channel || examples[row].channel == .none)
                && support.values[.reach].map({ $0.contains(Support.value(examples[row], .reach, channel)) }) ?? true {
                rankScores.append(treatedHoldout[position] - controlHoldout[position])
                treated.append(examples[row].channel == channel)
                outcomes.append(examples[row].repaid)
                rankWeights.append(weights[row])
            }
            let curve = UpliftCurve(scores: rankScores, treated: treated, outcomes: outcomes, weights: rankWeights)
            effects.append(ChannelEffect(
                channel: channel, trainingRows: training.count { examples[$0].channel == channel }, holdoutRows: holdout.count { examples[$0].channel == channel },
                averageEffect: mean, effectLow: margin.map { mean - $0 }, effectHigh: margin.map { mean + $0 },
                qini: curve.qiniCoefficient, upliftTop10: curve.uplift(atTop: 0.1), upliftTop30: curve.uplift(atTop: 0.3), holdoutUplift: curve.uplift(atTop: 1),
                supportRows: scores.count, supportDaysPastDue: support.daysPastDue,
                supportRatings: support.values[.rating], supportProducts: support.values[.product]))
        }
        return ResponseModel(horizonDays: horizonDays, outcomes: finals, effects: effects, trainingRows: training.count, holdoutRows: holdout.count)
    }

    /// Where the history took both `channel` and none: the cells both were taken in, the days
    /// past due both were taken at (nil when either has no known DPD), and the ratings, products
    /// and reach (`Dimension`) both were taken for.
    struct Support {
        /// What bounds the support besides the cell and the days past due: the credit rating, the
        /// product, and whether the channel could reach the customer.
        enum Dimension: CaseIterable {
            case rating, product, reach
        }

        let channel: ActionChannel
        let cells: Set<String>
        let daysPastDue: ClosedRange<Int>?
        /// For each dimension, the values both channels were taken for; nil where they were taken
        /// for every value the history holds.
        var values: [Dimension: Set<String>] = [:]

        func contains(_ example: ResponseExample) -> Bool {
            guard cells.contains(example.cell) else { return false }
            for (dimension, allowed) in values where !allowed.contains(Self.value(example, dimension, channel)) { return false }
            guard let daysPastDue, let day = Self.daysPastDue(of: example) else { return true }
            return daysPastDue.contains(day)
        }

        /// The example's value in `dimension`, for `channel`'s support.
        static func value(_ example: ResponseExample, _ dimension: Dimension, _ channel: ActionChannel) -> String {
            func category(_ name: String) -> String {
                guard let index = ResponseFeatures.categorical.firstIndex(of: name), index < example.row.categories.count else { return "" }
                return example.row.categories[index]
            }
            switch dimension {
            case .rating: return category("credit_rating")
            case .product: return category("product")
            case .reach: return example.unreachable.contains(channel) ? "unreachable" : "reachable"
            }
        }

        /// The example's days past due as whole days; nil when missing, or too large for an Int
        /// (no bound).
        static func daysPastDue(of example: ResponseExample) -> Int? {
            guard let dpd = example.row.numbers.first, dpd.isFinite, abs(dpd) < 1e9 else { return nil }
            return Int(dpd.rounded())
        }
    }

    static func support(of channel: ActionChannel, _ examples: [ResponseExample]) -> Support {
        func seen(_ wanted: ActionChannel) -> (cells: Set<String>, low: Int?, high: Int?) {
            var cells = Set<String>(), low: Int?, high: Int?
            for example in examples where example.channel == wanted {
                cells.insert(example.cell)
                guard let day = Support.daysPastDue(of: example) else { continue }
                low = min(low ?? day, day)
                high = max(high ?? day, day)
            }
            return (cells, low, high)
        }
        let treated = seen(channel), control = seen(.none)
        var range: ClosedRange<Int>?
        if let a = treated.low, let b = treated.high, let c = control.low, let d = control.high {
            // Ranges that never meet leave nothing in the support.
            guard max(a, c) <= min(b, d) else { return Support(channel: channel, cells: [], daysPastDue: nil) }
            range = max(a, c)...min(b, d)
        }
        var support = Support(channel: channel, cells: treated.cells.intersection(control.cells), daysPastDue: range)
        for dimension in Support.Dimension.allCases {
            var all = Set<String>(), taken = Set<String>(), control = Set<String>()
            for example in examples {
                let value = Support.value(example, dimension, channel)
                all.insert(value)
                if example.channel == channel { taken.insert(value) }
                if example.channel == .none { control.insert(value) }
            }
            let both = taken.intersection(control)
            if both != all { support.values[dimension] = both }
        }
        return support
    }

    /// Each example's propensity: logged, else its channel's share in its cell; at least `minimumPropensity`.
    func propensities(_ examples: [ResponseExample]) -> [Double] {
        var cells: [String: Int] = [:], channelsInCells: [String: [ActionChannel: Int]] = [:]
        for example in examples where example.propensity == nil {
            cells[example.cell, default: 0] += 1
            channelsInCells[example.cell, default: [:]][example.channel, default: 0] += 1
        }
        return examples.map { example in
            let share = example.propensity ?? {
                let total = cells[example.cell] ?? 0
                return total > 0 ? Double(channelsInCells[example.cell]?[example.channel] ?? 0) / Double(total) : 1
            }()
            return max(minimumPropensity, share)
        }
    }

    /// A uniform draw in [0, 1) fixed by the customer's id and the seed.
    static func unit(_ customerId: String, seed: UInt64) -> Double {
        var generator = SeededGenerator(seed: FNV1a.hash64(customerId) ^ (seed &* 0x9E37_79B9_7F4A_7C15))
        return Double(generator.next() >> 11) * 0x1p-53
    }

    /// The mean and its standard error (nil with fewer than two values).
    static func meanAndStandardError(_ values: [Double]) -> (mean: Double, standardError: Double?) {
        guard !values.isEmpty else { return (0, nil) }
        let n = Double(values.count)
        let mean = values.reduce(0, +) / n
        guard values.count > 1 else { return (mean, nil) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        return (mean, (variance / n).squareRoot())
    }
}
