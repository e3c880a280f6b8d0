import Foundation

/// Turns log-odds of the event into a score: score = offset + factor · ln(odds), with
/// factor = pointsToDoubleOdds / ln 2 and offset = baseScore − factor · ln(baseOdds), so a
/// customer at `baseOdds` scores `baseScore` and every doubling of the odds adds
/// `pointsToDoubleOdds`. Scores rise with the odds of the event.
public struct ScoreScaling: Sendable, Equatable {
    public let factor: Double
    public let offset: Double

    public init(_ settings: ScorecardSettings) {
        factor = settings.pointsToDoubleOdds / log(2)
        offset = settings.baseScore - factor * log(settings.baseOdds)
    }

    public func score(logOdds: Double) -> Double { offset + factor * logOdds }
}
