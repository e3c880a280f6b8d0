/// Gradient-boosted trees that predict an amount (`GradientBoostingRegressor`): the prediction
/// is the model's base (the weighted mean of the training targets) plus its trees' values.
///
/// The trees, bins and their encoding are those of the classifier's `GradientBoostedModel`, whose
/// `baseLogOdds` here holds the base amount and whose "log-odds" are the predicted amount.
public struct BoostedRegression: Sendable, Codable, Equatable {
    public let model: GradientBoostedModel

    public init(model: GradientBoostedModel) { self.model = model }

    /// Each row's predicted amount; input features are found by name, a missing one reads as
    /// missing in every row.
    public func predictions(for input: [Feature]) -> [Double] { model.logOdds(for: input) }

    /// The weighted mean of the training targets, where the trees start.
    public var base: Double { model.baseLogOdds }
}
