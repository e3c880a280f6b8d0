/// Why response models cannot be learned from a history.
public enum ResponseError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No logged action of a delinquent customer with a known outcome.
    case noExamples(window: String)
    /// The training or the hold-out part has no `none` (no-contact) action: without a control,
    /// no channel's effect can be measured.
    case noControl(part: String)
    /// No channel but `none` was used.
    case noContactChannel
    case invalidSetting(name: String, value: Double, rule: String)
    /// The trees could not be fitted.
    case fitting(ScorecardError)

    public var description: String {
        switch self {
        case .noExamples(let window):
            "no logged actions of delinquent customers with a known outcome in \(window): import actions (arrears import actions) and the payments after them, or choose a later --as-of"
        case .noControl(let part):
            "the \(part) history has no action with channel none (a deliberate no contact): a channel's effect is measured against none, so the history needs some (a randomised control share)"
        case .noContactChannel:
            "the history has only channel none: there is no channel whose effect could be learned"
        case .invalidSetting(let name, let value, let rule):
            "\(name) must be \(rule), not \(value)"
        case .fitting(let error):
            error.description
        }
    }
}
