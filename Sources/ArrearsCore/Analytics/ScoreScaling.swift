import Foundation

/// Turns log-odds into a score: score = offset + factor · ln(odds of the good outcome), with
/// factor = pointsToDoubleOdds / ln 2 and offset = baseScore − factor · ln(baseOdds), so a
/// customer at `baseOdds` of the good outcome scores `baseScore` and every doubling of those
/// odds adds `pointsToDoubleOdds`. Scores rise with the good outcome (`ScorecardSettings.goodOutcome`;
/// the event for scorecards stored without one).
public struct ScoreScaling: Sendable, Equatable {
    public let factor: Double
    public let offset: Double
    /// +1 when the score rises with the event, −1 when it rises with the non-event.
    public let sign: Double

    public init(_ settings: ScorecardSettings) {
        factor = settings.pointsToDoubleOdds / log(2)
        offset = settings.baseScore - factor * log(settings.baseOdds)
        sign = (settings.goodOutcome ?? .event).sign
    }

    /// The score of a customer whose log-odds of the event are `logOdds`.
    public func score(logOdds: Double) -> Double { offset + factor * sign * logOdds }

    /// The points a term of the event's log-odds (intercept or coefficient · WoE) is worth.
    public func points(logOdds term: Double) -> Double { factor * sign * term }
}
