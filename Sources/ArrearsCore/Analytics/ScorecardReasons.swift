extension Scorecard {
    /// Each row's top reasons: the features that cost the customer most points relative to
    /// the feature's best bin, most first (equal costs in the scorecard's feature order), at
    /// most `limit`, leaving out features where the customer is in the best bin.
    ///
    /// The best bin is the one with the most points of the good outcome: `good` names it for
    /// scorecards stored before `ScorecardSettings.goodOutcome` existed, whose points rose with
    /// the event whichever outcome was good (a roll model's points then rose with rolling, and
    /// its best bin is the one with the fewest). A value no bin holds, in a feature without a
    /// missing bin, gets 0 points and the text `missing`.
    public func reasons(for input: [Feature], limit: Int = ScoreReason.kept, good: GoodOutcome? = nil) -> [[ScoreReason]] {
        let rows = input.first?.values.count ?? 0
        let bins = binIndices(for: input, rows: rows)
        // +1 when points rise with the good outcome, −1 when they fall with it.
        let pointsRiseWith = settings.goodOutcome ?? .event
        let direction = pointsRiseWith == (settings.goodOutcome ?? good ?? .event) ? 1 : -1
        let best = features.map { feature in
            feature.bins.map { direction * $0.points }.max() ?? 0
        }
        return (0..<rows).map { row in
            var costs: [(column: Int, cost: Int)] = []
            for column in features.indices {
                let bin = Int(bins[column][row])
                let points = bin < 0 ? 0 : features[column].bins[bin].points
                let cost = direction * points - best[column]
                if cost < 0 { costs.append((column, cost)) }
            }
            costs.sort { $0.cost < $1.cost || ($0.cost == $1.cost && $0.column < $1.column) }
            return costs.prefix(max(0, limit)).map { column, cost in
                let bin = Int(bins[column][row])
                return ScoreReason(feature: features[column].name, contribution: Double(cost),
                                   text: bin < 0 ? "missing" : features[column].bins[bin].label)
            }
        }
    }
}
