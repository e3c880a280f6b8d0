import ArrearsCore
import ArrearsStore
import SQLKit

/// How one champion/challenger cell did over the simulated history: how many of its cases were
/// cured and what its customers paid in collections (responses, self-cures, promises; not dues
/// paid on time by customers who were up to date).
public struct CellResult: Sendable, Equatable, CustomStringConvertible {
    public let cell: String
    /// Cases opened in the cell, open or closed.
    public let cases: Int
    /// Cases closed because the customer had nothing overdue left.
    public let cured: Int
    /// Collected by simulated collections payments, by currency code, in minor units.
    public let collectedMinor: [String: Int64]

    public init(cell: String, cases: Int, cured: Int, collectedMinor: [String: Int64]) {
        self.cell = cell
        self.cases = cases
        self.cured = cured
        self.collectedMinor = collectedMinor
    }

    /// Cured cases per case.
    public var cureRate: Double { cases == 0 ? 0 : Double(cured) / Double(cases) }

    /// `champion: 1207 cases, 412 cured (34.1%), collected CNY 2345678.00`.
    public var description: String {
        let collected = collectedMinor.sorted { $0.key < $1.key }.map { code, minor in
            "\(code) \(DecimalAmount.format(minor, minorDigits: Currency(code: code)?.minorDigits ?? 2))"
        }
        let rate = (cureRate * 1000).rounded() / 10
        return "\(cell): \(cases) cases, \(cured) cured (\(rate)%), collected \(collected.isEmpty ? "nothing" : collected.joined(separator: ", "))"
    }

    /// Every cell's results from the cases and simulated payments in the store, by cell name.
    public static func load(from database: any SQLDatabase) async throws -> [CellResult] {
        var collected: [String: [String: Int64]] = [:]
        for row in try await database.raw("""
            SELECT k.cell, p.currency, CAST(SUM(p.amount_minor) AS BIGINT) AS collected
            FROM payments p
            JOIN accounts a ON a.id = p.account_id
            JOIN (SELECT DISTINCT customer_id, cell FROM cases) k ON k.customer_id = a.customer_id
            WHERE p.id LIKE 'SIM-%' AND p.id NOT LIKE 'SIM-DUE-%'
            GROUP BY k.cell, p.currency
            """).all() {
            collected[try row.decode(column: "cell", as: String.self), default: [:]][try row.decode(column: "currency", as: String.self)] =
                try row.decode(column: "collected", as: Int64.self)
        }
        return try await database.raw("""
            SELECT cell, COUNT(*) AS cases, SUM(CASE WHEN close_reason = 'cured' THEN 1 ELSE 0 END) AS cured
            FROM cases GROUP BY cell ORDER BY cell
            """).all().map { row in
            let cell = try row.decode(column: "cell", as: String.self)
            return CellResult(cell: cell, cases: try row.decode(column: "cases", as: Int.self),
                              cured: try row.decode(column: "cured", as: Int.self), collectedMinor: collected[cell] ?? [:])
        }
    }
}
