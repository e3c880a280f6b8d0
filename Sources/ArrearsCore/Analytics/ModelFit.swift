/// `arrears model fit`: fits a scorecard on a CSV file's training rows and validates it on
/// the held-out rows, so that analysts can try the pipeline on their own data.
public enum ModelFit {
    /// The seed of the train/test split when none is given.
    public static let defaultSeed: UInt64 = 42

    public static func run(
        csv: String, target: String, exclude: [String] = [], testShare: Double = 0.25, seed: UInt64 = defaultSeed, event: String? = nil,
        settings: ScorecardSettings = .init()
    ) throws(ScorecardError) -> ModelFitResult {
        let data = try ModelFitData(csv: csv, target: target, event: event, exclude: exclude)
        let split = try TrainTestSplit(rows: data.outcomes.count, testShare: testShare, seed: seed)
        let trainFeatures = data.features.map { $0.rows(split.train) }, testFeatures = data.features.map { $0.rows(split.test) }
        let trainOutcomes = split.train.map { data.outcomes[$0] }, testOutcomes = split.test.map { data.outcomes[$0] }
        let scorecard = try ScorecardTrainer.fit(trainFeatures, outcomes: trainOutcomes, settings: settings)
        return ModelFitResult(
            target: data.target, event: data.event, scorecard: scorecard,
            train: ModelValidation(probabilities: scorecard.probabilities(for: trainFeatures), outcomes: trainOutcomes),
            test: ModelValidation(probabilities: scorecard.probabilities(for: testFeatures), outcomes: testOutcomes)
        )
    }
}
