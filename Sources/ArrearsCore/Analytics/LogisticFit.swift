/// A fitted logistic regression: log-odds of the event = intercept + Σ coefficients · x.
public struct LogisticFit: Sendable, Equatable {
    /// One per column of the design matrix, in its order.
    public let coefficients: [Double]
    public let intercept: Double
    /// Newton steps taken.
    public let iterations: Int
    /// The log-likelihood at the fit, without the penalty.
    public let logLikelihood: Double
}
