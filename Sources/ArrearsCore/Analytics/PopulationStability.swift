import Foundation

/// The population stability index: how far a distribution of scores (or any number) has
/// moved from the one a model was built on.
///
/// PSI = Σ (a − e) · ln(a / e) over bins cut at the expected values' quantiles, where e and
/// a are the expected and actual shares of a bin; a share of 0 counts as 0.0001 so that an
/// empty bin gives a large but finite index. Under 0.1 is usually read as stable, above 0.25
/// as a shift that calls for a new model.
public enum PopulationStability {
    public static func index(expected: [Double], actual: [Double], bins: Int = 10) -> Double {
        precondition(bins >= 1, "at least one bin")
        let cuts = BinCuts.quantiles(of: expected.filter { !$0.isNaN }.sorted(), bins: bins)
        let expectedShares = shares(expected, cuts), actualShares = shares(actual, cuts)
        return zip(expectedShares, actualShares).reduce(0) { total, pair in
            let (e, a) = (max(pair.0, 0.0001), max(pair.1, 0.0001))
            return total + (a - e) * log(a / e)
        }
    }

    private static func shares(_ values: [Double], _ cuts: [Double]) -> [Double] {
        var counts = [Int](repeating: 0, count: cuts.count + 1)
        var total = 0
        for value in values where !value.isNaN {
            counts[BinCuts.index(of: value, in: cuts)] += 1
            total += 1
        }
        return counts.map { total == 0 ? 0 : Double($0) / Double(total) }
    }
}
