/// Why a strategy cannot be evaluated from a logged history (issue 27, `arrears evaluate`).
public enum EvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No logged action of a delinquent customer in the window.
    case noDecisions(window: String)
    /// No logged action in the window has a propensity.
    case noPropensities
    /// Every logged propensity is 1: each action was the only one its rule could take.
    case noVariation
    /// The strategy would choose `channel` for some decisions, but the history never took it.
    case channelNeverLogged(ActionChannel, decisions: Int)
    case invalidSetting(name: String, value: Double, rule: String)
    /// The outcome models could not be fitted.
    case fitting(ScorecardError)

    public var description: String {
        switch self {
        case .noDecisions(let window):
            "no logged actions of delinquent customers in \(window): nothing to evaluate the strategy on (import actions with arrears import actions, or choose other dates)"
        case .noPropensities:
            "no logged action in the window has a propensity: without the probability each action had of being chosen the history cannot say what another choice would have done (log propensities, as randomised cells do, or import them with the actions)"
        case .noVariation:
            "every logged action in the window had propensity 1: each customer could only have got the channel they got, so the history has no variation to learn another strategy's value from (it needs randomised choices, such as an optimised cell's randomised share)"
        case .channelNeverLogged(let channel, let decisions):
            "the strategy would choose \(channel.rawValue) for \(decisions) logged decisions, but the history in the window never took \(channel.rawValue) (with a propensity): its effect cannot be estimated from this history"
        case .invalidSetting(let name, let value, let rule):
            "\(name) must be \(rule), not \(value)"
        case .fitting(let error):
            error.description
        }
    }
}
