/// Adjacent pre-bins of a numeric feature, or categories, counted together while bins merge.
struct BinGroup: Sendable {
    /// Indices of the pre-bins or categories in the group, ascending.
    var atoms: [Int]
    var count: Int
    var events: Int

    var eventRate: Double { count == 0 ? 0 : Double(events) / Double(count) }

    func merged(with other: BinGroup) -> BinGroup {
        BinGroup(atoms: (atoms + other.atoms).sorted(), count: count + other.count, events: events + other.events)
    }

    /// Whether this group's event rate is below `other`'s, compared exactly.
    func hasLowerRate(than other: BinGroup) -> Bool { events * other.count < other.events * count }
}

/// The three ways bins merge: to reach a minimum size, to make the event rate monotonic,
/// and to respect the maximum number of bins. Each merges neighbours only.
enum BinMerging {
    /// Merges the smallest group below `minCount` with the neighbour whose event rate is
    /// closer (the left one on a tie) until every group holds `minCount` rows or one is left.
    static func mergeSmall(_ groups: [BinGroup], minCount: Double) -> [BinGroup] {
        var groups = groups
        while groups.count > 1 {
            let smallest = groups.indices.min { groups[$0].count < groups[$1].count }!
            guard Double(groups[smallest].count) < minCount else { break }
            mergeWithCloserNeighbour(&groups, at: smallest)
        }
        return groups
    }

    /// Pools adjacent groups that break the direction (an equal rate breaks it too), so the
    /// event rates rise (`ascending`) or fall strictly from one group to the next.
    static func mergeToMonotonic(_ groups: [BinGroup], ascending: Bool) -> [BinGroup] {
        var pooled: [BinGroup] = []
        for group in groups {
            pooled.append(group)
            while pooled.count >= 2 {
                let last = pooled[pooled.count - 1], previous = pooled[pooled.count - 2]
                let inOrder = ascending ? previous.hasLowerRate(than: last) : last.hasLowerRate(than: previous)
                if inOrder { break }
                pooled.removeLast(2)
                pooled.append(previous.merged(with: last))
            }
        }
        return pooled
    }

    /// Merges the adjacent pair with the closest event rates (the leftmost on a tie) until at
    /// most `maxBins` groups are left. Merging neighbours keeps a monotonic order monotonic.
    static func mergeToMaximum(_ groups: [BinGroup], maxBins: Int) -> [BinGroup] {
        var groups = groups
        while groups.count > max(maxBins, 1) {
            let pair = (0..<(groups.count - 1)).min {
                abs(groups[$0].eventRate - groups[$0 + 1].eventRate) < abs(groups[$1].eventRate - groups[$1 + 1].eventRate)
            }!
            groups[pair] = groups[pair].merged(with: groups[pair + 1])
            groups.remove(at: pair + 1)
        }
        return groups
    }

    private static func mergeWithCloserNeighbour(_ groups: inout [BinGroup], at index: Int) {
        let rate = groups[index].eventRate
        let neighbour: Int
        if index == 0 {
            neighbour = 1
        } else if index == groups.count - 1 {
            neighbour = index - 1
        } else {
            let left = abs(groups[index - 1].eventRate - rate), right = abs(groups[index + 1].eventRate - rate)
            neighbour = right < left ? index + 1 : index - 1
        }
        let first = min(index, neighbour)
        groups[first] = groups[first].merged(with: groups[first + 1])
        groups.remove(at: first + 1)
    }
}
