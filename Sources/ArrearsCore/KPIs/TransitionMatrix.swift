/// How accounts moved between delinquency buckets from one snapshot to a later one: counts and
/// balances (outstanding at the earlier snapshot, minor units of one currency) from bucket i
/// (rows) to bucket j (columns), buckets in their configured order, best first.
public struct TransitionMatrix: Sendable, Codable, Equatable {
    public let buckets: [String]
    /// counts[i][j]: accounts in bucket i at the start and in bucket j at the end.
    public private(set) var counts: [[Int]]
    /// balances[i][j]: those accounts' outstanding balance at the start.
    public private(set) var balances: [[Int64]]

    public init(buckets: [String]) {
        self.buckets = buckets
        counts = Array(repeating: Array(repeating: 0, count: buckets.count), count: buckets.count)
        balances = Array(repeating: Array(repeating: 0, count: buckets.count), count: buckets.count)
    }

    /// Adds `accounts` accounts with `balance` that went from `from` to `to`; names not in
    /// `buckets` (a bucket scheme changed since) are ignored and reported false.
    @discardableResult
    public mutating func add(from: String, to: String, accounts: Int, balance: Int64) -> Bool {
        guard let i = buckets.firstIndex(of: from), let j = buckets.firstIndex(of: to) else { return false }
        counts[i][j] += accounts
        balances[i][j] += balance
        return true
    }

    public static func + (lhs: TransitionMatrix, rhs: TransitionMatrix) -> TransitionMatrix {
        var sum = lhs
        for (i, from) in rhs.buckets.enumerated() {
            for (j, to) in rhs.buckets.enumerated() { sum.add(from: from, to: to, accounts: rhs.counts[i][j], balance: rhs.balances[i][j]) }
        }
        return sum
    }

    /// The roll rate out of bucket `index`: the share of its starting balance that moved to a
    /// worse bucket, Σⱼ₍ⱼ>ᵢ₎ balances[i][j] / Σⱼ balances[i][j]. Nil when the bucket held nothing.
    public func rollRate(from index: Int) -> Double? {
        share(of: index) { $0 > index }
    }

    /// The cure rate out of bucket `index`: the share of its starting balance that ended in the
    /// first (current) bucket. Nil when the bucket held nothing.
    public func cureRate(from index: Int) -> Double? {
        share(of: index) { $0 == 0 }
    }

    private func share(of index: Int, where columns: (Int) -> Bool) -> Double? {
        let row = balances[index]
        let total = row.reduce(0, +)
        guard total > 0 else { return nil }
        let moved = row.indices.filter(columns).reduce(Int64(0)) { $0 + row[$1] }
        return Double(moved) / Double(total)
    }
}
