import ArrearsCore
import ArrearsStore
import SQLKit

/// The demo's champion against its other cells in money (issue 27's target: the optimised cell's
/// net recovery against the champion's at the same capacity, with its interval): per cell, the
/// customers who had a case, their cases, what they paid in collections, what the work on them
/// cost and the difference, and for each challenger the relative gain in net recovery per
/// customer over the champion's with a 95% bootstrap interval.
///
/// - **Recovered**: the simulated collections payments (responses, self-cures, promises; not
///   dues paid on time) of the cell's customers, in the unit costs' currency.
/// - **Cost**: the work done on their cases in that currency, counted as the KPI report counts
///   it (a message or letter created, a task someone had), times `config/costs.yaml`'s unit cost.
/// - **Per customer**: cells are random halves of the customers, so each is judged per customer
///   who had a case during the demo; a cell that cures faster may open more (shorter) cases, so
///   cases are shown but not divided by.
/// - **Post-stratified by product**: a few large loans (the sample book's corporate loans) carry
///   much of the money, and chance puts more of them in one cell than in the other. The gain
///   compares the cells as if each had the pooled mix of products (each customer's stratum is the
///   product of their largest account): a cell's estimate is the sum over products of the pooled
///   share of the product's customers times the cell's mean net per customer of that product.
/// - **Interval**: the percentile bootstrap over customers (each cell's customers resampled with
///   replacement within their product, `resamples` times, seeded): the 2.5th and 97.5th
///   percentiles of the resampled relative gain.
public struct CellNetComparison: Sendable, CustomStringConvertible {
    public struct Cell: Sendable, Equatable {
        public let name: String
        public let customers: Int
        public let cases: Int
        public let recoveredMinor: Int64
        public let costMinor: Int64
        public var netMinor: Int64 { recoveredMinor - costMinor }
        /// Net recovery per customer, in minor units.
        public var netPerCustomer: Double { customers == 0 ? 0 : Double(netMinor) / Double(customers) }
        /// For a challenger: its post-stratified net per customer over the champion's, less 1; nil
        /// for the champion and when the champion's net is not above 0.
        public let gain: Double?
        public let gainInterval: ConfidenceInterval?
    }

    public let currency: Currency
    /// The champion first, then the other cells by name.
    public let cells: [Cell]

    public static let resamples = 1_000

    /// Each customer's figures in one cell: net recovery in minor units.
    struct CustomerNet {
        /// The product of the customer's largest account.
        var stratum = ""
        var cases = 0
        var recovered: Int64 = 0
        var cost: Int64 = 0
    }

    /// The comparison of every cell of the cases in the store against `champion`.
    public static func load(from database: any SQLDatabase, champion: String, costs: ChannelCosts, seed: UInt64 = 1) async throws -> CellNetComparison {
        let code = costs.currency.code
        var byCell: [String: [String: CustomerNet]] = [:]
        var cellOf: [String: String] = [:]
        for row in try await database.raw("""
            SELECT customer_id, cell, COUNT(*) AS n FROM cases WHERE currency = \(bind: code) GROUP BY customer_id, cell
            """).all() {
            let customer = try row.decode(column: "customer_id", as: String.self), cell = try row.decode(column: "cell", as: String.self)
            byCell[cell, default: [:]][customer, default: CustomerNet()].cases += try row.decode(column: "n", as: Int.self)
            cellOf[customer] = cell
        }
        var largest: [String: Int64] = [:]
        for row in try await database.raw("""
            SELECT customer_id, product, principal_minor FROM accounts WHERE currency = \(bind: code) ORDER BY id
            """).all() {
            let customer = try row.decode(column: "customer_id", as: String.self), principal = try row.decode(column: "principal_minor", as: Int64.self)
            guard let cell = cellOf[customer], principal > largest[customer] ?? -1 else { continue }
            largest[customer] = principal
            byCell[cell]?[customer]?.stratum = try row.decode(column: "product", as: String.self)
        }
        for row in try await database.raw("""
            SELECT a.customer_id, CAST(SUM(p.amount_minor) AS BIGINT) AS paid FROM payments p JOIN accounts a ON a.id = p.account_id
            WHERE p.id LIKE 'SIM-%' AND p.id NOT LIKE 'SIM-DUE-%' AND p.currency = \(bind: code) GROUP BY a.customer_id
            """).all() {
            let customer = try row.decode(column: "customer_id", as: String.self)
            guard let cell = cellOf[customer] else { continue }
            byCell[cell]?[customer]?.recovered += try row.decode(column: "paid", as: Int64.self)
        }
        for row in try await database.raw("""
            SELECT x.customer_id, x.channel, COUNT(*) AS n FROM actions x JOIN cases k ON k.id = x.case_id
            WHERE x.status = 'created' AND k.currency = \(bind: code) AND (x.channel IN ('sms', 'email', 'letter') OR x.assigned_to IS NOT NULL)
            GROUP BY x.customer_id, x.channel
            """).all() {
            let customer = try row.decode(column: "customer_id", as: String.self)
            guard let cell = cellOf[customer], let channel = Channel(rawValue: try row.decode(column: "channel", as: String.self)) else { continue }
            byCell[cell]?[customer]?.cost += Int64(try row.decode(column: "n", as: Int.self)) * (costs.unitMinor[channel] ?? 0)
        }
        // In customer order, so that the seeded bootstrap draws the same customers every time.
        return compare(byCell.mapValues { $0.sorted { $0.key < $1.key }.map(\.value) }, champion: champion, currency: costs.currency, seed: seed)
    }

    /// The comparison of customers' figures by cell.
    static func compare(_ cells: [String: [CustomerNet]], champion: String, currency: Currency, seed: UInt64) -> CellNetComparison {
        let names = cells.keys.sorted { ($0 == champion ? 0 : 1, $0) < ($1 == champion ? 0 : 1, $1) }
        let base = strata(cells[champion] ?? [])
        var generator = SeededGenerator(seed: seed)
        var result: [Cell] = []
        for name in names {
            let customers = cells[name] ?? []
            var gain: Double?, interval: ConfidenceInterval?
            if name != champion, !customers.isEmpty {
                let own = strata(customers)
                // The pooled mix of the products both cells have.
                var weights: [String: Double] = [:]
                for (stratum, members) in own { if let other = base[stratum] { weights[stratum] = Double(members.count + other.count) } }
                let total = weights.values.reduce(0, +)
                let baseMean = stratified(base, weights: weights, total: total) { mean($0) }
                if baseMean > 0 {
                    gain = stratified(own, weights: weights, total: total) { mean($0) } / baseMean - 1
                    var draws: [Double] = []
                    draws.reserveCapacity(resamples)
                    for _ in 0..<resamples {
                        let championMean = stratified(base, weights: weights, total: total) { resampledMean($0, &generator) }
                        let cellMean = stratified(own, weights: weights, total: total) { resampledMean($0, &generator) }
                        if championMean > 0 { draws.append(cellMean / championMean - 1) }
                    }
                    draws.sort()
                    if draws.count >= resamples / 2 {
                        interval = ConfidenceInterval(lower: draws[Int(Double(draws.count - 1) * 0.025)], upper: draws[Int(Double(draws.count - 1) * 0.975)])
                    }
                }
            }
            result.append(Cell(name: name, customers: customers.count, cases: customers.reduce(0) { $0 + $1.cases },
                               recoveredMinor: customers.reduce(0) { $0 + $1.recovered }, costMinor: customers.reduce(0) { $0 + $1.cost },
                               gain: gain, gainInterval: interval))
        }
        return CellNetComparison(currency: currency, cells: result)
    }

    /// A cell's customers by product, each product's in the order given.
    private static func strata(_ customers: [CustomerNet]) -> [String: [CustomerNet]] {
        Dictionary(grouping: customers, by: \.stratum)
    }

    /// Σ weight × `mean` over the weighted strata, in sorted order (so that seeded draws repeat).
    private static func stratified(_ strata: [String: [CustomerNet]], weights: [String: Double], total: Double,
                                   _ mean: ([CustomerNet]) -> Double) -> Double {
        guard total > 0 else { return 0 }
        return weights.keys.sorted().reduce(0.0) { sum, stratum in sum + (weights[stratum] ?? 0) / total * mean(strata[stratum] ?? []) }
    }

    private static func mean(_ customers: [CustomerNet]) -> Double {
        customers.isEmpty ? 0 : customers.reduce(0.0) { $0 + Double($1.recovered - $1.cost) } / Double(customers.count)
    }

    private static func resampledMean(_ customers: [CustomerNet], _ generator: inout SeededGenerator) -> Double {
        guard !customers.isEmpty else { return 0 }
        var total = 0.0
        for _ in customers.indices {
            let pick = customers[Int(generator.next() % UInt64(customers.count))]
            total += Double(pick.recovered - pick.cost)
        }
        return total / Double(customers.count)
    }

    /// A table of the cells, then one line per challenger with its gain and interval:
    /// `optimised against champion: net per customer +12.3% [95% interval +5.1%, +19.8%]`.
    public var description: String {
        let digits = currency.minorDigits
        func money(_ minor: Int64) -> String { DecimalAmount.format(minor, minorDigits: digits) }
        func percent(_ value: Double) -> String { String(format: "%+.1f%%", value * 100) }
        var lines = ["net recovery by cell, \(currency.code) (recovered: collections payments of the cell's customers; cost: work done × config/costs.yaml)"]
        lines.append(["cell".padding(toLength: 12, withPad: " ", startingAt: 0), "customers".leftPadded(10), "cases".leftPadded(8),
                      "recovered".leftPadded(16), "cost".leftPadded(14), "net".leftPadded(16), "net/customer".leftPadded(13)].joined(separator: " "))
        for cell in cells {
            lines.append([cell.name.padding(toLength: 12, withPad: " ", startingAt: 0), String(cell.customers).leftPadded(10),
                          String(cell.cases).leftPadded(8), money(cell.recoveredMinor).leftPadded(16), money(cell.costMinor).leftPadded(14),
                          money(cell.netMinor).leftPadded(16), String(format: "%.2f", cell.netPerCustomer / pow10(digits)).leftPadded(13)].joined(separator: " "))
        }
        let champion = cells.first?.name ?? "champion"
        for cell in cells.dropFirst() {
            guard let gain = cell.gain else {
                lines.append("\(cell.name) against \(champion): no gain to state (the champion's net recovery is not above 0)")
                continue
            }
            let interval = cell.gainInterval.map { " [95% interval \(percent($0.lower)), \(percent($0.upper))]" } ?? " [no interval]"
            lines.append("\(cell.name) against \(champion): net recovery per customer \(percent(gain))\(interval), post-stratified by product, bootstrap over customers")
        }
        return lines.joined(separator: "\n")
    }

    private func pow10(_ digits: Int) -> Double { (0..<digits).reduce(1.0) { value, _ in value * 10 } }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
