/// How the event rate of a numeric feature's bins must move as the value rises.
///
/// Categorical features have no order, so their bins ignore it.
public enum Monotonicity: String, Sendable, Codable {
    /// Bins keep whatever event rates the data gives them.
    case none
    /// The event rate never falls from one bin to the next higher one.
    case ascending
    /// The event rate never rises from one bin to the next higher one.
    case descending
    /// Ascending or descending as the feature's correlation with the event says.
    case auto
}
