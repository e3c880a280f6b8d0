/// The partition of ordered pre-bins into adjacent bins with the most information value, as
/// optbinning's optimal binning does, found exactly by dynamic programming over the pre-bins.
///
/// Every bin holds at least `minCount` rows (a single bin holding everything is always
/// allowed), at most `maxBins` bins are made, and the bins' event rates follow a shape:
/// rising, falling, rising then falling (a peak) or falling then rising (a valley), strictly
/// from each bin to the next; or any shape. IV adds up over bins, so the best partition of
/// the first pre-bins ending in a given bin extends to the best of all of them.
/// O(pre-bins³ · maxBins) steps: with 20 pre-bins, instant.
enum OptimalBinning {
    /// The directions the event rate takes from bin to bin, one after the other; empty: any.
    enum Shape: CaseIterable {
        case ascending, descending, peak, valley, free

        var directions: [Bool] {
            switch self {
            case .ascending: [true]
            case .descending: [false]
            case .peak: [true, false]
            case .valley: [false, true]
            case .free: []
            }
        }
    }

    /// The best groups of `atoms` (adjacent pre-bins in order) under `shape`, with their IV.
    static func merge(_ atoms: [BinGroup], shape: Shape, minCount: Double, maxBins: Int, totals: OutcomeTotals) -> (groups: [BinGroup], informationValue: Double) {
        let count = atoms.count
        guard count > 1 else { return (atoms, atoms.isEmpty ? 0 : iv(atoms[0], totals)) }
        var countBefore = [0], eventsBefore = [0]
        for (index, atom) in atoms.enumerated() {
            countBefore.append(countBefore[index] + atom.count)
            eventsBefore.append(eventsBefore[index] + atom.events)
        }
        func group(_ start: Int, _ end: Int) -> BinGroup {
            BinGroup(atoms: atoms[start..<end].flatMap(\.atoms).sorted(), count: countBefore[end] - countBefore[start], events: eventsBefore[end] - eventsBefore[start])
        }
        let whole = group(0, count)
        let directions = shape.directions, phases = max(directions.count, 1)
        let bins = max(1, maxBins)
        // best[bins][start][end][phase]: the most IV of atoms 0..<end in `bins` bins, the last
        // being start..<end, the rates having reached `phase` of the directions.
        struct Step { var value = -Double.infinity; var previousStart = -1; var previousPhase = -1 }
        let stride = (count + 1) * (count + 1) * phases
        func index(_ made: Int, _ start: Int, _ end: Int, _ phase: Int) -> Int {
            (made - 1) * stride + (start * (count + 1) + end) * phases + phase
        }
        var best = [Step](repeating: Step(), count: bins * stride)
        var binIV = [Double](repeating: 0, count: (count + 1) * (count + 1))
        var binGroups = [BinGroup?](repeating: nil, count: (count + 1) * (count + 1))
        for start in 0..<count {
            for end in (start + 1)...count {
                let candidate = group(start, end)
                guard Double(candidate.count) >= minCount else { continue }
                binGroups[start * (count + 1) + end] = candidate
                binIV[start * (count + 1) + end] = iv(candidate, totals)
            }
        }
        for end in 1...count where binGroups[end] != nil {
            best[index(1, 0, end, 0)].value = binIV[end]
        }
        if bins >= 2 {
            for made in 2...bins {
                for start in 1..<count {
                    for end in (start + 1)...count {
                        guard let last = binGroups[start * (count + 1) + end] else { continue }
                        for previousStart in 0..<start {
                            guard let previous = binGroups[previousStart * (count + 1) + start] else { continue }
                            let rising = previous.hasLowerRate(than: last)
                            guard rising || last.hasLowerRate(than: previous) else { continue }
                            for previousPhase in 0..<phases {
                                let before = best[index(made - 1, previousStart, start, previousPhase)]
                                guard before.value > -Double.infinity else { continue }
                                let phase: Int
                                if directions.isEmpty {
                                    phase = 0
                                } else if directions[previousPhase] == rising {
                                    phase = previousPhase
                                } else if previousPhase + 1 < directions.count, directions[previousPhase + 1] == rising {
                                    phase = previousPhase + 1
                                } else {
                                    continue
                                }
                                let value = before.value + binIV[start * (count + 1) + end]
                                let slot = index(made, start, end, phase)
                                if value > best[slot].value {
                                    best[slot] = Step(value: value, previousStart: previousStart, previousPhase: previousPhase)
                                }
                            }
                        }
                    }
                }
            }
        }
        var answer: (made: Int, start: Int, phase: Int, value: Double)?
        for made in 1...bins {
            for start in 0..<count {
                for phase in 0..<phases where best[index(made, start, count, phase)].value > (answer?.value ?? -Double.infinity) {
                    answer = (made, start, phase, best[index(made, start, count, phase)].value)
                }
            }
        }
        guard var (made, start, phase, value) = answer else { return ([whole], iv(whole, totals)) }
        var groups: [BinGroup] = []
        var end = count
        while made >= 1, let bin = binGroups[start * (count + 1) + end] {
            groups.insert(bin, at: 0)
            let step = best[index(made, start, end, phase)]
            end = start
            start = step.previousStart
            phase = step.previousPhase
            made -= 1
        }
        value = groups.reduce(0) { $0 + iv($1, totals) }
        return (groups, value)
    }

    private static func iv(_ group: BinGroup, _ totals: OutcomeTotals) -> Double {
        WeightOfEvidence(events: group.events, nonEvents: group.count - group.events, totalEvents: totals.events, totalNonEvents: totals.nonEvents).informationValue
    }
}
