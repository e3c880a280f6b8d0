/// How `GradientBoostingTrainer` grows a model of gradient-boosted trees (the challenger to the
/// scorecard, issue 26): histogram-based, leaf-wise growth, logistic loss.
///
/// Each tree is fitted to the gradients of the logistic loss of the trees before it; its leaves
/// add `learningRate` × −G/(H + `l2`) to the log-odds, where G and H are the sums of the leaf's
/// gradients and hessians. A validation share of the training rows, held apart by a seeded
/// shuffle, stops the boosting when its loss has not improved for `earlyStoppingRounds` trees;
/// the model keeps the trees up to the best one.
public struct GradientBoostingSettings: Sendable, Codable, Equatable {
    /// The most trees grown.
    public var maxTrees: Int
    /// The shrinkage applied to every tree's leaves.
    public var learningRate: Double
    /// The most leaves of a tree; the leaf whose best split gains most is split first.
    public var maxLeaves: Int
    /// The longest path from a tree's root to a leaf.
    public var maxDepth: Int
    /// The fewest training rows a leaf may hold.
    public var minSamplesPerLeaf: Int
    /// The smallest sum of hessians a leaf may hold.
    public var minHessianPerLeaf: Double
    /// The L2 penalty on leaf values (λ in −G/(H + λ)).
    public var l2: Double
    /// A split must reduce the loss by more than this.
    public var minGain: Double
    /// The share of the training rows each tree sees, drawn anew for each tree.
    public var rowSubsample: Double
    /// The share of the features each tree may split on, drawn anew for each tree.
    public var featureSubsample: Double
    /// The most bins of a feature, its missing bin included (at most 255): numeric features are
    /// cut at quantiles, categorical features keep their most frequent categories.
    public var maxBins: Int
    /// The share of the training rows held apart to stop the boosting; 0 grows all `maxTrees`.
    public var validationShare: Double
    /// Boosting stops when the validation loss has not improved for this many trees.
    public var earlyStoppingRounds: Int
    /// Per feature name, the direction the log-odds of the event must keep as the value rises
    /// (numeric features only; missing values are outside the order).
    public var monotone: [String: MonotoneConstraint]
    /// The seed of the validation shuffle and of the row and feature subsampling: the same data,
    /// settings and seed give the same model.
    public var seed: UInt64

    public init(
        maxTrees: Int = 1000,
        learningRate: Double = 0.05,
        maxLeaves: Int = 15,
        maxDepth: Int = 6,
        minSamplesPerLeaf: Int = 50,
        minHessianPerLeaf: Double = 1e-3,
        l2: Double = 1,
        minGain: Double = 0,
        rowSubsample: Double = 0.8,
        featureSubsample: Double = 0.8,
        maxBins: Int = 255,
        validationShare: Double = 0.1,
        earlyStoppingRounds: Int = 50,
        monotone: [String: MonotoneConstraint] = [:],
        seed: UInt64 = 1
    ) {
        self.maxTrees = maxTrees
        self.learningRate = learningRate
        self.maxLeaves = maxLeaves
        self.maxDepth = maxDepth
        self.minSamplesPerLeaf = minSamplesPerLeaf
        self.minHessianPerLeaf = minHessianPerLeaf
        self.l2 = l2
        self.minGain = minGain
        self.rowSubsample = rowSubsample
        self.featureSubsample = featureSubsample
        self.maxBins = maxBins
        self.validationShare = validationShare
        self.earlyStoppingRounds = earlyStoppingRounds
        self.monotone = monotone
        self.seed = seed
    }

    /// Throws `ScorecardError.invalidSetting` for the first setting out of its range.
    public func validate() throws(ScorecardError) {
        func require(_ holds: Bool, _ name: String, _ value: Double, _ rule: String) throws(ScorecardError) {
            if !holds { throw .invalidSetting(name: name, value: value, rule: rule) }
        }
        try require(maxTrees >= 1 && maxTrees <= 100_000, "maxTrees", Double(maxTrees), "from 1 to 100000")
        try require(learningRate > 0 && learningRate <= 1, "learningRate", learningRate, "more than 0 and at most 1")
        try require(maxLeaves >= 2 && maxLeaves <= 4096, "maxLeaves", Double(maxLeaves), "from 2 to 4096")
        try require(maxDepth >= 1 && maxDepth <= 64, "maxDepth", Double(maxDepth), "from 1 to 64")
        try require(minSamplesPerLeaf >= 1, "minSamplesPerLeaf", Double(minSamplesPerLeaf), "at least 1")
        try require(minHessianPerLeaf >= 0 && minHessianPerLeaf.isFinite, "minHessianPerLeaf", minHessianPerLeaf, "0 or more")
        try require(l2 >= 0 && l2.isFinite, "l2", l2, "0 or more")
        try require(minGain >= 0 && minGain.isFinite, "minGain", minGain, "0 or more")
        try require(rowSubsample > 0 && rowSubsample <= 1, "rowSubsample", rowSubsample, "more than 0 and at most 1")
        try require(featureSubsample > 0 && featureSubsample <= 1, "featureSubsample", featureSubsample, "more than 0 and at most 1")
        try require(maxBins >= 3 && maxBins <= 255, "maxBins", Double(maxBins), "from 3 to 255")
        try require(validationShare >= 0 && validationShare < 1, "validationShare", validationShare, "from 0 up to but not including 1")
        try require(earlyStoppingRounds >= 1, "earlyStoppingRounds", Double(earlyStoppingRounds), "at least 1")
    }
}

extension GradientBoostingSettings {
    /// The tree learner's constraint on each of `features`: 1 where the model must not fall as
    /// the value rises, -1 where it must not rise, 0 where it is free (every categorical feature).
    func constraints(of features: [BoostedFeature]) -> [Int8] {
        features.map { feature in
            guard feature.kind == .numeric else { return 0 }
            switch monotone[feature.name] {
            case .increasing: return 1
            case .decreasing: return -1
            case nil: return 0
            }
        }
    }
}

/// The direction a boosted model's log-odds of the event must keep as a feature's value rises.
public enum MonotoneConstraint: String, Sendable, Codable {
    /// Never falls as the value rises.
    case increasing
    /// Never rises as the value rises.
    case decreasing
}
