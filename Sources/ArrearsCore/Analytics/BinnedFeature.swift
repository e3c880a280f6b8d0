import Foundation

/// A feature's bins as the training data filled them, with every training row's bin.
struct BinnedFeature: Sendable {
    struct Bin: Sendable {
        let label: String
        let membership: BinMembership
        let count: Int
        let events: Int
        let weightOfEvidence: WeightOfEvidence
    }

    let name: String
    let kind: FeatureKind
    let monotonicity: Monotonicity
    let bins: [Bin]
    /// The bin of every training row.
    let rowBins: [Int32]

    init(name: String, kind: FeatureKind, monotonicity: Monotonicity, bins: [(label: String, membership: BinMembership, group: BinGroup)], rowBins: [Int32], totals: OutcomeTotals) {
        self.name = name
        self.kind = kind
        self.monotonicity = monotonicity
        self.bins = bins.map { bin in
            Bin(
                label: bin.label, membership: bin.membership, count: bin.group.count, events: bin.group.events,
                weightOfEvidence: WeightOfEvidence(
                    events: bin.group.events, nonEvents: bin.group.count - bin.group.events,
                    totalEvents: totals.events, totalNonEvents: totals.nonEvents
                )
            )
        }
        self.rowBins = rowBins
    }

    var informationValue: Double { bins.reduce(0) { $0 + $1.weightOfEvidence.informationValue } }

    /// Bins every feature, several at once on machines with several cores; the result is
    /// the same whatever the number of cores.
    static func binAll(_ features: [Feature], outcomes: [Bool], totals: OutcomeTotals, settings: ScorecardSettings) -> [BinnedFeature] {
        let slots = Slots<BinnedFeature>(count: features.count)
        DispatchQueue.concurrentPerform(iterations: features.count) { index in
            let feature = features[index]
            let binned = switch feature.values {
            case .numeric(let values):
                NumericBinner.bin(name: feature.name, values: values, outcomes: outcomes, monotonicity: feature.monotonicity, totals: totals, settings: settings)
            case .categorical(let values):
                CategoricalBinner.bin(name: feature.name, values: values, outcomes: outcomes, totals: totals, settings: settings)
            }
            slots.set(index, binned)
        }
        return slots.values
    }
}

/// The number of events and non-events in the training data.
struct OutcomeTotals: Sendable {
    let events: Int
    let nonEvents: Int
    var rows: Int { events + nonEvents }
}
