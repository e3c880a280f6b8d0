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
    /// The event rate rises from bin to bin up to a highest bin, then falls.
    case peak
    /// The event rate falls from bin to bin down to a lowest bin, then rises.
    case valley
    /// Ascending, descending, peak or valley, whichever gives the bins the most information
    /// value.
    case auto
}
