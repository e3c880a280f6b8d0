import ArrearsCore

extension CellComparison {
    /// The champion/challenger cells of the cases worked in `period`, in `currency` (the unit
    /// costs' currency unless given), the champion first, compared as `plan` says (the
    /// strategy's `comparison`). The champion is the cell named `champion`; `champion(of:)`
    /// picks it from a strategy.
    public static func load(_ period: KPIPeriod, champion: String, costs: ChannelCosts, currency: String? = nil,
                            plan: ComparisonPlan = .standard, on store: Store) async throws -> [CellComparison] {
        let code = currency ?? costs.currency.code
        let tallies = try await KPIReport.tallies(period, by: .cell, agents: [], on: store.sql).filter { $0.tally.currency == code }
        return compare(Dictionary(uniqueKeysWithValues: tallies.map { ($0.group, $0.tally) }), champion: champion, costs: costs, plan: plan)
    }

    /// The champion of a strategy: the cell named `champion`, else the first cell listed.
    public static func champion(of strategy: Strategy) -> String {
        strategy.cells.first { $0.name == "champion" }?.name ?? strategy.cells.first?.name ?? "champion"
    }
}
