/// Bins a numeric feature as optbinning does: `initialBins` quantile pre-bins (quantiles, so
/// that outliers do not spread the bins), merged by `OptimalBinning` into at most `maxBins`
/// bins of at least `minBinShare` of the rows each whose event rates follow the feature's
/// `monotonicity` (for `.auto`, the shape with the most information value); each special
/// value (`ScorecardSettings.specialValues`) and the missing values in a bin of their own.
enum NumericBinner {
    static func bin(name: String, values: [Double], outcomes: [Bool], monotonicity: Monotonicity, totals: OutcomeTotals, settings: ScorecardSettings) -> BinnedFeature {
        let specials = Array(Set(settings.specialValues?[name] ?? [])).sorted()
        let cuts = BinCuts.quantiles(of: values.filter { !$0.isNaN && !specials.contains($0) }.sorted(), bins: settings.initialBins)
        let missingAtom = cuts.count + 1 + specials.count
        var tallies = Array(repeating: BinGroup(atoms: [], count: 0, events: 0), count: missingAtom + 1)
        var atomOfRow = [Int32](repeating: 0, count: values.count)
        for row in values.indices {
            let value = values[row], event = outcomes[row]
            let atom = value.isNaN ? missingAtom : specials.firstIndex(of: value).map { cuts.count + 1 + $0 } ?? BinCuts.index(of: value, in: cuts)
            atomOfRow[row] = Int32(atom)
            tallies[atom].count += 1
            if event { tallies[atom].events += 1 }
        }
        let atoms = (0...cuts.count).map { BinGroup(atoms: [$0], count: tallies[$0].count, events: tallies[$0].events) }
        let minCount = settings.minBinShare * Double(totals.rows)
        func merged(_ shape: OptimalBinning.Shape) -> (groups: [BinGroup], informationValue: Double) {
            OptimalBinning.merge(atoms, shape: shape, minCount: minCount, maxBins: settings.maxBins, totals: totals)
        }
        let direction: Monotonicity
        let groups: [BinGroup]
        switch monotonicity {
        case .none: (direction, groups) = (.none, merged(.free).groups)
        case .ascending: (direction, groups) = (.ascending, merged(.ascending).groups)
        case .descending: (direction, groups) = (.descending, merged(.descending).groups)
        case .peak: (direction, groups) = (.peak, merged(.peak).groups)
        case .valley: (direction, groups) = (.valley, merged(.valley).groups)
        case .auto: (direction, groups) = chooseShape(merged)
        }

        var bins: [(label: String, membership: BinMembership, group: BinGroup)] = groups.map { group in
            // Every group holds at least one pre-bin; the defaults only spare an unwrap.
            let first = group.atoms.first ?? 0, last = group.atoms.last ?? cuts.count
            let lower = first == 0 ? nil : cuts[first - 1]
            let upper = last == cuts.count ? nil : cuts[last]
            return (label(lower: lower, upper: upper), .range(lower: lower, upper: upper), group)
        }
        var binOfAtom = [Int32](repeating: 0, count: missingAtom + 1)
        for (index, bin) in bins.enumerated() {
            for atom in bin.group.atoms { binOfAtom[atom] = Int32(index) }
        }
        for (offset, special) in specials.enumerated() where tallies[cuts.count + 1 + offset].count > 0 {
            binOfAtom[cuts.count + 1 + offset] = Int32(bins.count)
            bins.append(("special \(NumberText.short(special))", .special(special), tallies[cuts.count + 1 + offset]))
        }
        if tallies[missingAtom].count > 0 {
            binOfAtom[missingAtom] = Int32(bins.count)
            bins.append(("missing", .missing, tallies[missingAtom]))
        }
        return BinnedFeature(
            name: name, kind: .numeric, monotonicity: direction, bins: bins,
            rowBins: atomOfRow.map { binOfAtom[Int($0)] }, totals: totals
        )
    }

    /// The shape `.auto` takes: of ascending, descending, peak and valley, the one whose
    /// bins hold the most IV (the earlier on a tie, so a trend is preferred to a turn);
    /// `.none` when none makes two bins.
    private static func chooseShape(_ merged: (OptimalBinning.Shape) -> (groups: [BinGroup], informationValue: Double)) -> (Monotonicity, [BinGroup]) {
        var chosen: (shape: Monotonicity, groups: [BinGroup], informationValue: Double)?
        for (shape, optimal) in [(Monotonicity.ascending, OptimalBinning.Shape.ascending), (.descending, .descending), (.peak, .peak), (.valley, .valley)] {
            let result = merged(optimal)
            if result.informationValue > chosen?.informationValue ?? -1 { chosen = (shape, result.groups, result.informationValue) }
        }
        guard let chosen, chosen.groups.count >= 2 else { return (.none, merged(.ascending).groups) }
        return (chosen.shape, chosen.groups)
    }

    private static func label(lower: Double?, upper: Double?) -> String {
        switch (lower, upper) {
        case (nil, nil): "all"
        case (nil, let upper?): "< \(NumberText.short(upper))"
        case (let lower?, nil): ">= \(NumberText.short(lower))"
        case (let lower?, let upper?): "[\(NumberText.short(lower)), \(NumberText.short(upper)))"
        }
    }
}
