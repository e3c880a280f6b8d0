/// Bins a numeric feature: quantile pre-bins, merged until each holds `minBinShare` of the
/// rows, then until the event rate is monotonic (when asked), then down to `maxBins`; missing
/// values in a bin of their own.
enum NumericBinner {
    static func bin(name: String, values: [Double], outcomes: [Bool], monotonicity: Monotonicity, totals: OutcomeTotals, settings: ScorecardSettings) -> BinnedFeature {
        let cuts = BinCuts.quantiles(of: values.filter { !$0.isNaN }.sorted(), bins: settings.initialBins)
        let missingAtom = cuts.count + 1
        var tallies = Array(repeating: BinGroup(atoms: [], count: 0, events: 0), count: cuts.count + 2)
        var atomOfRow = [Int32](repeating: 0, count: values.count)
        var trend = Trend()
        for row in values.indices {
            let value = values[row], event = outcomes[row]
            let atom = value.isNaN ? missingAtom : BinCuts.index(of: value, in: cuts)
            atomOfRow[row] = Int32(atom)
            tallies[atom].count += 1
            if event { tallies[atom].events += 1 }
            if !value.isNaN { trend.add(value, event) }
        }
        var groups = (0...cuts.count).map { BinGroup(atoms: [$0], count: tallies[$0].count, events: tallies[$0].events) }
        groups = BinMerging.mergeSmall(groups, minCount: settings.minBinShare * Double(totals.rows))
        let direction: Monotonicity = monotonicity == .auto ? trend.direction : monotonicity
        if direction == .ascending || direction == .descending {
            groups = BinMerging.mergeToMonotonic(groups, ascending: direction == .ascending)
        }
        groups = BinMerging.mergeToMaximum(groups, maxBins: settings.maxBins)

        var bins: [(label: String, membership: BinMembership, group: BinGroup)] = groups.map { group in
            let lower = group.atoms.first! == 0 ? nil : cuts[group.atoms.first! - 1]
            let upper = group.atoms.last! == cuts.count ? nil : cuts[group.atoms.last!]
            return (label(lower: lower, upper: upper), .range(lower: lower, upper: upper), group)
        }
        var binOfAtom = [Int32](repeating: 0, count: missingAtom + 1)
        for (index, bin) in bins.enumerated() {
            for atom in bin.group.atoms { binOfAtom[atom] = Int32(index) }
        }
        let missing = tallies[missingAtom]
        if missing.count > 0 {
            binOfAtom[missingAtom] = Int32(bins.count)
            bins.append(("missing", .missing, missing))
        }
        return BinnedFeature(
            name: name, kind: .numeric, monotonicity: direction == .auto ? .none : direction, bins: bins,
            rowBins: atomOfRow.map { binOfAtom[Int($0)] }, totals: totals
        )
    }

    private static func label(lower: Double?, upper: Double?) -> String {
        switch (lower, upper) {
        case (nil, nil): "all"
        case (nil, let upper?): "< \(NumberText.short(upper))"
        case (let lower?, nil): ">= \(NumberText.short(lower))"
        case (let lower?, let upper?): "[\(NumberText.short(lower)), \(NumberText.short(upper)))"
        }
    }

    /// The sign of the covariance of value and event, which `.auto` follows.
    private struct Trend {
        var count = 0.0, sumValue = 0.0, sumEvent = 0.0, sumProduct = 0.0

        mutating func add(_ value: Double, _ event: Bool) {
            count += 1
            sumValue += value
            if event {
                sumEvent += 1
                sumProduct += value
            }
        }

        var direction: Monotonicity {
            guard count > 0 else { return .none }
            let covariance = sumProduct / count - (sumValue / count) * (sumEvent / count)
            return covariance > 0 ? .ascending : covariance < 0 ? .descending : .none
        }
    }
}
