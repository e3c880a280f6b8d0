/// Adjacent pre-bins of a numeric feature, or categories, counted together while bins merge.
struct BinGroup: Sendable {
    /// Indices of the pre-bins or categories in the group, ascending.
    var atoms: [Int]
    var count: Int
    var events: Int

    func merged(with other: BinGroup) -> BinGroup {
        BinGroup(atoms: (atoms + other.atoms).sorted(), count: count + other.count, events: events + other.events)
    }

    /// Whether this group's event rate is below `other`'s, compared exactly.
    func hasLowerRate(than other: BinGroup) -> Bool { events * other.count < other.events * count }
}
