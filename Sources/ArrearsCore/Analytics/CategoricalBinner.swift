/// Bins a categorical feature: a bin per category, categories with less than `minBinShare`
/// of the rows pooled in "other", the groups ordered by event rate and merged by
/// `OptimalBinning` into at most `maxBins` with the most information value (categories of
/// equal event rate together); missing values in a bin of their own.
enum CategoricalBinner {
    static func bin(name: String, values: [String], outcomes: [Bool], totals: OutcomeTotals, settings: ScorecardSettings) -> BinnedFeature {
        var indexOfCategory: [String: Int32] = [:]
        var categories: [String] = []
        var tallies: [BinGroup] = []
        var missing = BinGroup(atoms: [], count: 0, events: 0)
        var atomOfRow = [Int32](repeating: -1, count: values.count)
        for row in values.indices {
            let value = values[row], event = outcomes[row]
            if value.isEmpty {
                missing.count += 1
                if event { missing.events += 1 }
                continue
            }
            let atom: Int32
            if let known = indexOfCategory[value] {
                atom = known
            } else {
                atom = Int32(categories.count)
                indexOfCategory[value] = atom
                categories.append(value)
                tallies.append(BinGroup(atoms: [Int(atom)], count: 0, events: 0))
            }
            atomOfRow[row] = atom
            tallies[Int(atom)].count += 1
            if event { tallies[Int(atom)].events += 1 }
        }

        let minCount = settings.minBinShare * Double(totals.rows)
        let isRare = tallies.map { Double($0.count) < minCount }
        var groups = tallies.indices.filter { !isRare[$0] }.map { tallies[$0] }
        let rare = tallies.indices.filter { isRare[$0] }.map { tallies[$0] }
        if let first = rare.first { groups.append(rare.dropFirst().reduce(first) { $0.merged(with: $1) }) }
        groups.sort { $0.hasLowerRate(than: $1) || (!$1.hasLowerRate(than: $0) && categories[$0.atoms[0]] < categories[$1.atoms[0]]) }
        groups = OptimalBinning.merge(groups, shape: .ascending, minCount: 0, maxBins: settings.maxBins, totals: totals).groups

        var bins: [(label: String, membership: BinMembership, group: BinGroup)] = groups.map { group in
            let common = group.atoms.filter { !isRare[$0] }.map { categories[$0] }
            let label = (common + (group.atoms.contains { isRare[$0] } ? ["other"] : [])).joined(separator: ", ")
            return (label, .categories(group.atoms.map { categories[$0] }.sorted()), group)
        }
        var binOfAtom = [Int32](repeating: 0, count: categories.count)
        for (index, bin) in bins.enumerated() {
            for atom in bin.group.atoms { binOfAtom[atom] = Int32(index) }
        }
        let missingBin = Int32(bins.count)
        if missing.count > 0 { bins.append(("missing", .missing, missing)) }
        return BinnedFeature(
            name: name, kind: .categorical, monotonicity: .none, bins: bins,
            rowBins: atomOfRow.map { $0 < 0 ? missingBin : binOfAtom[Int($0)] }, totals: totals
        )
    }
}
