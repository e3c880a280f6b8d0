/// Cut points between numeric bins: a value belongs to the bin after every cut at or below it.
enum BinCuts {
    /// The number of `cuts` (ascending) that are ≤ `value`, by binary search.
    static func index(of value: Double, in cuts: [Double]) -> Int {
        var low = 0, high = cuts.count
        while low < high {
            let middle = (low + high) / 2
            if cuts[middle] <= value { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Up to `bins − 1` cuts at the quantiles of `sorted` (ascending, no NaN), without
    /// repeats and without a cut at the smallest value, so that no bin is empty.
    static func quantiles(of sorted: [Double], bins: Int) -> [Double] {
        guard let smallest = sorted.first else { return [] }
        var cuts: [Double] = []
        for quantile in 1..<bins {
            let value = sorted[quantile * sorted.count / bins]
            if value > smallest, value > (cuts.last ?? smallest) { cuts.append(value) }
        }
        return cuts
    }
}
