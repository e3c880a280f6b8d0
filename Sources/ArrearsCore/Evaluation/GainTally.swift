import Foundation

/// Adds up per-unit amounts by cell into `CellGain`s with 95% intervals (issue 27).
///
/// Each unit (a customer in a simulation, a logged decision in an off-policy evaluation) gives
/// what it recovered and what it cost, in minor units. A cell's total is the sum over its n
/// units; its interval is the normal one for a sum of independent units,
/// total ± 1.96 √n s, with s the units' sample standard deviation (the same as a bootstrap over
/// units for the sizes collections work with; a cell of one unit gets a zero-width interval).
/// Net is taken unit by unit (recovered − cost), so its interval carries their covariance.
public struct GainTally: Sendable {
    private struct Sums: Sendable {
        var count = 0
        var recovered = Moments(), cost = Moments(), net = Moments()
    }

    /// Welford's running mean and sum of squares.
    private struct Moments: Sendable {
        var count = 0.0, mean = 0.0, squares = 0.0

        mutating func add(_ value: Double) {
            count += 1
            let delta = value - mean
            mean += delta / count
            squares += delta * (value - mean)
        }

        var total: CellGain.Total {
            let sum = mean * count
            let spread = count > 1 ? ConfidenceInterval.z95 * (squares / (count - 1)).squareRoot() * count.squareRoot() : 0
            return CellGain.Total(value: Self.minor(sum), low: Self.minor(sum - spread), high: Self.minor(sum + spread))
        }

        /// Rounded to a whole minor unit, within what an Int64 holds.
        static func minor(_ amount: Double) -> Int64 {
            guard amount.isFinite else { return 0 }
            return Int64(max(-9.0e18, min(9.0e18, amount.rounded())))
        }
    }

    public let currency: Currency
    private var cells: [String: Sums] = [:]

    public init(currency: Currency) { self.currency = currency }

    /// Counts a cell with no units yet, so that it is reported with zeros.
    public mutating func include(cell: String) {
        if cells[cell] == nil { cells[cell] = Sums() }
    }

    /// One unit of `cell`: it recovered `recovered` and cost `cost`, in minor units (recovered
    /// may be an estimate, and so a fraction or below 0).
    public mutating func add(cell: String, recovered: Double, cost: Double) {
        cells[cell, default: Sums()].count += 1
        cells[cell]?.recovered.add(recovered)
        cells[cell]?.cost.add(cost)
        cells[cell]?.net.add(recovered - cost)
    }

    /// The cells in name order.
    public var gains: [CellGain] {
        cells.keys.sorted().compactMap { name in
            guard let sums = cells[name] else { return nil }
            return CellGain(cell: name, cases: sums.count, currency: currency, recovered: sums.recovered.total, cost: sums.cost.total, net: sums.net.total)
        }
    }
}
