/// A feature of a boosted model as its trees see it: every value mapped to a bin of at most 255.
///
/// Bin 0 holds missing values (NaN, the empty category) and, for a categorical feature,
/// categories the training rows did not have. A numeric feature's value bins 1…`cuts.count + 1`
/// hold the values up to `cuts[0]`, then above `cuts[0]` up to `cuts[1]`, and so on, the last
/// bin everything above the last cut. A categorical feature's bin `i + 1` holds `categories[i]`,
/// the categories in ascending order of their training event rate, so that a split on bins
/// groups categories that behave alike.
public struct BoostedFeature: Sendable, Codable, Equatable {
    public let name: String
    public let kind: FeatureKind
    /// Numeric: the ascending upper bounds of the value bins but the last.
    public let cuts: [Double]
    /// Categorical: the categories of bins 1, 2, …
    public let categories: [String]

    /// The number of bins, the missing bin included.
    public var binCount: Int { kind == .numeric ? cuts.count + 2 : categories.count + 1 }

    public init(name: String, kind: FeatureKind, cuts: [Double] = [], categories: [String] = []) {
        self.name = name
        self.kind = kind
        self.cuts = cuts
        self.categories = categories
    }

    /// At most this many values of a feature are sorted to find its quantiles.
    static let quantileSample = 200_000

    /// Bins `feature` into at most `maxBins` bins (3 to 255), the missing bin included:
    /// numbers at quantiles of up to 200,000 evenly spaced non-missing values (between distinct
    /// values when there are few), categories by their event rate among `outcomes`, the least
    /// frequent ones beyond `maxBins - 1` left to the missing bin.
    public init(_ feature: Feature, outcomes: [Bool], maxBins: Int) {
        let valueBins = max(2, min(254, maxBins - 1))
        name = feature.name
        switch feature.values {
        case .numeric(let values):
            kind = .numeric
            categories = []
            var present = [Double]()
            let step = max(1, values.count / Self.quantileSample)
            present.reserveCapacity(values.count / step + 1)
            for index in stride(from: 0, to: values.count, by: step) where !values[index].isNaN { present.append(values[index]) }
            present.sort()
            var distinct = [Double]()
            for value in present where distinct.last != value { distinct.append(value) }
            if distinct.count <= valueBins {
                cuts = zip(distinct, distinct.dropFirst()).map { low, high in
                    let middle = low + (high - low) / 2
                    return middle < high ? middle : low
                }
            } else {
                var chosen = [Double]()
                for quantile in 1..<valueBins {
                    let value = present[quantile * present.count / valueBins]
                    if chosen.last != value, value < distinct[distinct.count - 1] { chosen.append(value) }
                }
                cuts = chosen
            }
        case .categorical(let values):
            kind = .categorical
            cuts = []
            var counts: [String: (rows: Int, events: Int)] = [:]
            var events = 0
            for (value, outcome) in zip(values, outcomes) where !value.isEmpty {
                counts[value, default: (0, 0)].rows += 1
                if outcome { counts[value, default: (0, 0)].events += 1; events += 1 }
            }
            let present = counts.values.reduce(0) { $0 + $1.rows }
            let prior = present == 0 ? 0 : Double(events) / Double(present)
            let kept = counts.sorted { $0.value.rows != $1.value.rows ? $0.value.rows > $1.value.rows : $0.key < $1.key }.prefix(valueBins)
            // Rates shrunk towards the overall rate by ten rows' worth, so small categories do not sort to the ends by chance.
            func rate(_ entry: (rows: Int, events: Int)) -> Double { (Double(entry.events) + 10 * prior) / (Double(entry.rows) + 10) }
            categories = kept.sorted { rate($0.value) != rate($1.value) ? rate($0.value) < rate($1.value) : $0.key < $1.key }.map(\.key)
        }
    }

    /// The bin of every value. A kind other than the feature's puts every row in the missing bin.
    public func bins(_ values: FeatureValues) -> [UInt8] {
        switch (kind, values) {
        case (.numeric, .numeric(let numbers)):
            return numbers.map(bin(of:))
        case (.categorical, .categorical(let texts)):
            var lookup: [String: UInt8] = [:]
            for (index, category) in categories.enumerated() { lookup[category] = UInt8(truncatingIfNeeded: index + 1) }
            return texts.map { lookup[$0] ?? 0 }
        default:
            return Array(repeating: 0, count: values.count)
        }
    }

    /// A number's bin: 0 when it is NaN, else 1 + the number of cuts below it.
    public func bin(of value: Double) -> UInt8 {
        guard !value.isNaN else { return 0 }
        var low = 0, high = cuts.count
        while low < high {
            let middle = (low + high) / 2
            if cuts[middle] < value { low = middle + 1 } else { high = middle }
        }
        return UInt8(truncatingIfNeeded: low + 1)
    }
}
