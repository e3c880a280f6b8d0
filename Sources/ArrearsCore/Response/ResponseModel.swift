import Foundation

/// The response models of one training (issue 27): per channel, `none` included, gradient-boosted
/// trees of the amount repaid within the horizon after an action on that channel (a T-learner),
/// with what the history said of each channel against none.
public struct ResponseModel: ChannelResponse, Codable, Equatable {
    /// One channel's outcome model.
    public struct Outcome: Sendable, Codable, Equatable {
        public let channel: ActionChannel
        public let regression: BoostedRegression
        /// This channel's actions among the training and the hold-out examples.
        public let trainingRows: Int
        public let holdoutRows: Int
    }

    public let horizonDays: Int
    public let outcomes: [Outcome]
    /// Every contact channel learned, against none.
    public let effects: [ChannelEffect]
    /// Examples the models learned from and were measured on.
    public let trainingRows: Int
    public let holdoutRows: Int

    public init(horizonDays: Int, outcomes: [Outcome], effects: [ChannelEffect], trainingRows: Int, holdoutRows: Int) {
        self.horizonDays = horizonDays
        self.outcomes = outcomes
        self.effects = effects
        self.trainingRows = trainingRows
        self.holdoutRows = holdoutRows
    }

    public var channels: [ActionChannel] { outcomes.map(\.channel) }

    /// The channels' trees are summed several channels at once on machines with several cores;
    /// each channel's sums are the same whatever the number of cores (every row adds its trees
    /// in the same order on one thread).
    public func expectedRepayments(for rows: [ResponseFeatures.Row]) -> [[ActionChannel: Double]] {
        let features = ResponseFeatures.Table(rows).features
        let outcomes = outcomes
        let predictions = Slots<[Double]>(count: outcomes.count)
        DispatchQueue.concurrentPerform(iterations: outcomes.count) { index in
            predictions.set(index, outcomes[index].regression.predictions(for: features))
        }
        var result = Array(repeating: [ActionChannel: Double](), count: rows.count)
        for (outcome, amounts) in zip(outcomes, predictions.values) {
            for (index, amount) in amounts.enumerated() {
                // An amount repaid is never below 0, whatever the trees' sum.
                result[index][outcome.channel] = max(0, amount)
            }
        }
        return result
    }
}
