/// What the optimised cells of a daily run chose (issue 27, "Decide by it"), kept with the run's
/// summary: how many cases, which channels, how many were randomised, the expected net value of
/// the choice against the allocation's upper bound, and what the channels were valued by.
public struct OptimisationSummary: Codable, Sendable, Equatable {
    /// Cases of optimised cells decided today (held cases and cases with nothing due are not).
    public var cases = 0
    /// Chosen channel (`none` for no contact) → cases.
    public var byChannel: [String: Int] = [:]
    /// Cases whose channel was drawn at random.
    public var randomised = 0
    /// The expected net value of the allocated choices added up, in minor units (of each case's
    /// currency: a sum across currencies only when the book has one).
    public var expectedNetMinor: Int64 = 0
    /// No choice within the capacity is worth more than this (`Allocation.upperBound`).
    public var upperBoundMinor: Int64 = 0
    /// How the allocation was found (`prices` or `greedy`) and in how many price rounds.
    public var method = ""
    public var rounds = 0
    /// What valued the channels: a response model's name, or `baseline`.
    public var response = ""
    /// True when no response model is active and `BaselineRepaymentForecast` was used.
    public var usedBaseline = false

    public init() {}

    /// One line for the run's summary.
    public var text: String {
        let channels = byChannel.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let responses = usedBaseline ? "baseline responses (no response model is active)" : "response model \(response)"
        return "  optimised: \(cases) cases (\(randomised) randomised): \(channels.isEmpty ? "none" : channels); "
            + "expected net \(expectedNetMinor) minor units of at most \(upperBoundMinor) (\(method), \(rounds) rounds); \(responses)"
    }
}
