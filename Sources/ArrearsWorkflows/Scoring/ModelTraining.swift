import ArrearsCore
import ArrearsStore
import Foundation

/// Trains a propensity model from Arrears' own history (issue 6, "Scoring"): every account's
/// dues and payments give its position on any past date, so the examples come from the ledger
/// itself, with the customers' promises and contact attempts as behaviour.
///
/// Observations after `since` (as-of less `months` months) form the data; those in the last
/// `holdoutMonths` months before the outcomes stop being known are held out — a later time
/// window, as a bank validates — and the rest train the scorecard. The result is registered as a
/// candidate; `ModelRegistry.activate` puts it to work.
public struct ModelTraining: Sendable {
    public var target: ScoringTarget
    public var asOf: LocalDate
    public var months = 12
    public var holdoutMonths = 3
    public var payShare = 0.5
    /// The scorecard's settings; its `goodOutcome` is always the target's (paying for pay30,
    /// not rolling for roll), so that the score rises with it.
    public var settings = ScorecardSettings()
    /// The kind of model fitted: the scorecard (the default) or gradient-boosted trees, on the
    /// same features, training rows and hold-out; boosted trees' points use `settings`' scaling.
    public var kind = ScoringModel.Kind.scorecard
    /// The boosted trees' settings, for `kind` `gbm`.
    public var boosting = GradientBoostingSettings()
    public var buckets = BucketScheme.standard

    public init(target: ScoringTarget, asOf: LocalDate) {
        self.target = target
        self.asOf = asOf
    }

    /// The first day of the observation window and the last day whose outcome is known.
    public var window: (since: LocalDate, lastObserved: LocalDate) {
        let lastObserved = asOf.adding(days: -target.horizonDays)
        return (asOf.adding(months: -months).adding(days: -target.horizonDays), lastObserved)
    }

    public var holdoutAfter: LocalDate { window.lastObserved.adding(months: -holdoutMonths) }

    /// The training and hold-out examples found in `ledgers`.
    public func observations(_ ledgers: [AccountLedger], behaviour: [String: CollectionBehaviour]) -> (training: [Observation], holdout: [Observation]) {
        let sampler = ObservationSampler(target: target, asOf: asOf, since: window.since, payShare: payShare, buckets: buckets)
        let monthEnds = sampler.monthEnds
        var training: [Observation] = [], holdout: [Observation] = []
        let cutoff = holdoutAfter
        for ledger in ledgers {
            for observation in sampler.observations(ledger, behaviour[ledger.customerId] ?? .none, monthEnds: monthEnds) {
                if observation.date > cutoff { holdout.append(observation) } else { training.append(observation) }
            }
        }
        return (training, holdout)
    }

    /// The features of the accounts delinquent on the as-of date: the population the daily run
    /// will score, whose scores become the reference that PSI monitoring compares each day to.
    public func population(_ ledgers: [AccountLedger], behaviour: [String: CollectionBehaviour]) -> [ScoringFeatures.Row] {
        ledgers.filter { $0.position(asOf: asOf).isDelinquent }
            .map { ScoringFeatures.row($0, behaviour[$0.customerId] ?? .none, at: asOf) }
    }

    /// Fits the model (`kind`) and validates it, without storing anything.
    public func fit(training: [Observation], holdout: [Observation], population: [ScoringFeatures.Row]) throws -> ScoringModel.Definition {
        guard payShare > 0, payShare <= 1 else { throw ScoringError.badPayShare(payShare) }
        let since = window.since
        guard !training.isEmpty else { throw ScoringError.noObservations(target: target, window: "\(since) to \(holdoutAfter)") }
        guard !holdout.isEmpty else { throw ScoringError.noObservations(target: target, window: "the hold-out window \(holdoutAfter) to \(window.lastObserved)") }
        for (part, rows) in [("training", training), ("hold-out", holdout)] {
            let events = rows.filter(\.outcome).count
            if events == 0 || events == rows.count { throw ScoringError.onlyOneOutcome(target: target, part: part, events: events, rows: rows.count) }
        }
        let trainingFeatures = Self.features(training)
        var settings = self.settings
        settings.goodOutcome = target.goodOutcome
        var scorecard: Scorecard?, boosted: BoostedScorecard?
        switch kind {
        case .scorecard:
            scorecard = try ScorecardTrainer.fit(trainingFeatures, outcomes: training.map(\.outcome), settings: settings)
        case .gbm:
            let trees = try GradientBoostingTrainer.fit(trainingFeatures, outcomes: training.map(\.outcome), settings: boosting)
            boosted = BoostedScorecard(model: trees, baseScore: settings.baseScore, baseOdds: settings.baseOdds,
                                       pointsToDoubleOdds: settings.pointsToDoubleOdds, goodOutcome: target.goodOutcome)
        }
        func probabilities(_ features: [Feature]) -> [Double] {
            boosted?.probabilities(for: features) ?? scorecard?.probabilities(for: features) ?? []
        }
        let trainingProbabilities = probabilities(trainingFeatures)
        let holdoutProbabilities = probabilities(Self.features(holdout))
        var table = ScoringFeatures.Table()
        for row in population { table.append(row) }
        let populationProbabilities = population.isEmpty ? holdoutProbabilities : probabilities(table.features)
        let stride = max(1, populationProbabilities.count / 5000)
        return ScoringModel.Definition(
            scorecard: scorecard, boosted: boosted, payShare: payShare, since: since.description, holdoutAfter: holdoutAfter.description,
            training: ModelValidation(probabilities: trainingProbabilities, outcomes: training.map(\.outcome)),
            holdout: ModelValidation(probabilities: holdoutProbabilities, outcomes: holdout.map(\.outcome)),
            reference: Swift.stride(from: 0, to: populationProbabilities.count, by: stride).map { populationProbabilities[$0] })
    }

    static func features(_ observations: [Observation]) -> [Feature] {
        var table = ScoringFeatures.Table()
        for observation in observations { table.append(observation.row) }
        return table.features
    }

    /// Reads the history, fits, and registers the model as a new candidate version.
    public func train(on store: Store, actor: String, now: Date = Date()) async throws -> ScoringModel {
        try await train(records: SQLScoringRecords(store: store), actor: actor, now: now)
    }

    /// Reads the history `records` keeps, fits, and registers the model there as a new candidate version.
    public func train(records: any ScoringRecords, actor: String, now: Date = Date()) async throws -> ScoringModel {
        let ledgers = try await records.ledgers(.all)
        let behaviour = try await records.behaviour()
        let (training, holdout) = observations(ledgers, behaviour: behaviour)
        let definition = try fit(training: training, holdout: holdout, population: population(ledgers, behaviour: behaviour))
        let target = self.target, asOf = self.asOf
        return try await records.registerCandidate(of: target) { version in
            ScoringModel(id: ScoringModel.id(target, version: version), target: target, version: version, status: .candidate,
                         asOf: asOf.description, trainedAt: UTCTimestamp.text(now), trainedBy: actor,
                         activatedAt: nil, definition: definition)
        }
    }
}
