/// One bin of a scorecard feature: which values it holds, what the training data said
/// about them, and the points a customer in it gets.
public struct ScorecardBin: Sendable, Codable, Equatable {
    /// How people read it: `[1000, 2500)`, `< 12`, `A, B`, `other`, `missing`.
    public let label: String
    public let membership: BinMembership
    /// Training rows in the bin.
    public let count: Int
    /// Training rows in the bin that had the event.
    public let events: Int
    public let weightOfEvidence: Double
    public let informationValue: Double
    /// What the bin adds to the score (see `Scorecard.basePoints`).
    public let points: Int

    public var eventRate: Double { count == 0 ? 0 : Double(events) / Double(count) }
}
