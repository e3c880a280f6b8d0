import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// Everything the analytics page and the monthly report show for one period, computed once and
/// turned into lines and SVG charts for the pages (`AnalyticsPages`) (issue 6, "KPIs and reports").
struct AnalyticsView {
    struct KPILine {
        let group: String
        let currency: String
        let cases: Int
        let cureRate: String
        let recovered: String
        let recoveryRate: String
        let delinquencyRate: String
        let rpcRate: String
        let promiseRate: String
        let keptRate: String
        let contactsPerRPC: String
        let cost: String
        let costPerRecovered: String
        let netRecovery: String
        let satisfaction: String
        let complaintRate: String
        /// The quality score with the number of reviews: "80.0% (5)".
        let quality: String
    }

    /// One champion/challenger cell (docs/kpis.md, "Champion/challenger").
    struct CellLine {
        let cell: String
        let champion: Bool
        let cases: Int
        /// The recovery, cure and promise-kept rates in that order (the columns of `rateHeaders`),
        /// each with its 95% interval when the cell has enough data for one: "41.2% [38.0%, 44.5%]".
        let rates: [String]
        let costPerRecovered: String
        /// The primary measure's Holm-adjusted p-value; "–" for the champion and without a test.
        let pValue: String
        let significant: Bool
        /// `champion`, `significant`, `not_significant` or `not_enough_data`.
        let verdictCode: String
        /// The verdict on the primary measure in words; without enough data, how many cases
        /// each cell needs to detect the difference seen at 80% power.
        let verdict: String
        /// The secondary measures' Holm-adjusted p-values, each marked as secondary; "–" for the champion.
        let secondary: String
    }

    struct ModelLine {
        let id: String
        let target: String
        let status: String
        /// `scorecard` or `gbm`.
        let kind: String
        let asOf: String
        let auc: String
        /// The hold-out AUC less the best of the listed models of the same target (`−0.012`),
        /// nil for that best model: what a readable scorecard costs.
        let aucCost: String?
        let ks: String
        let gini: String
        let lastPSI: String
        let stability: String
    }

    let from: String
    let to: String
    let by: String?
    let dimensions: [String]
    let kpis: [KPILine]
    let trendChart: String?
    let transitionChart: String?
    let funnelChart: String?
    let cellChart: String?
    let cells: [CellLine]
    /// The headers of `CellLine.rates`, the primary measure and the secondaries marked.
    let rateHeaders: [String]
    /// The header of `CellLine.pValue`, naming the primary measure.
    let pValueHeader: String
    /// The header of `CellLine.secondary`.
    let secondaryHeader: String
    /// How the cells are compared: the primary measure, Holm's correction, the minimum sample.
    let cellMethod: String
    let models: [ModelLine]
    /// The active models' daily PSI over the period, one line each.
    let psiChart: String?
    let currency: String

    static func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }

    /// A recovery rate, marked † above 100% (the page explains why it can be: `over_100`).
    static func recoveryPercent(_ value: Double?) -> String { percent(value) + ((value ?? 0) > 1 ? " †" : "") }

    static func lines(_ rows: [KPIRow]) -> [KPILine] {
        rows.map { row in
            let f = row.figures
            func money(_ minor: Int64?) -> String { minor.map { AmountDisplay.grouped($0, currency: f.currency) } ?? "–" }
            return KPILine(group: row.group, currency: f.currency, cases: f.casesWorked, cureRate: percent(f.cureRate),
                           recovered: money(f.recoveredMinor), recoveryRate: recoveryPercent(f.recoveryRate), delinquencyRate: percent(f.delinquencyRate),
                           rpcRate: percent(f.rightPartyContactRate), promiseRate: percent(f.promiseRate), keptRate: percent(f.promiseKeptRate),
                           contactsPerRPC: f.contactsPerRightPartyContact.map { String(format: "%.1f", $0) } ?? "–",
                           cost: money(f.costMinor), costPerRecovered: f.costPerUnitRecovered.map { String(format: "%.3f", $0) } ?? "–",
                           netRecovery: money(f.netRecoveryMinor),
                           satisfaction: f.ratingMean.map { String(format: "%.2f", $0) + " (\(f.ratings))" } ?? "–",
                           complaintRate: percent(f.complaintRate),
                           quality: f.qualityScore.map { percent($0) + " (\(f.qualityReviews))" } ?? "–")
        }
    }

    static func load(_ period: KPIPeriod, by dimension: KPIDimension?, context: ServerContext, localizer: Localizer) async throws -> AnalyticsView {
        let store = context.reportStore
        let settings = context.analytics
        let currency = settings.costs.currency.code
        let rows = try await KPIReport.compute(period, by: dimension, costs: settings.costs, agents: settings.agents, on: store)
        let overall = dimension == nil ? rows : try await KPIReport.compute(period, by: nil, costs: settings.costs, agents: settings.agents, on: store)
        let kpis = lines(rows)

        let trend = try await DelinquencyTrend.trend(period, on: store).filter { $0.currency == currency }
        let trendChart = trend.count >= 2 ? LineChart(
            id: "delinquency-trend", title: localizer["delinquency_trend"], labels: trend.map(\.date.description),
            series: [.init(name: localizer["delinquency_rate"], values: trend.map(\.rate), colour: "#9b1c1c")],
            format: { String(format: "%.1f%%", $0 * 100) }).svg : nil

        let transitions = try await BucketTransitions.load(period, buckets: context.buckets, currency: currency, on: store)
        let transitionChart: String? = transitions.months.isEmpty ? nil : {
            let counts = transitions.counts
            let shares: [[Double?]] = counts.map { row in
                let total = row.reduce(0, +)
                return row.map { total == 0 ? nil : Double($0) / Double(total) }
            }
            return HeatMap(id: "transition-matrix", title: localizer["transition_matrix"], rows: transitions.buckets, columns: transitions.buckets,
                           shares: shares, texts: shares.map { $0.map { $0.map { String(format: "%.0f%%", $0 * 100) } ?? "" } }).svg
        }()

        let funnelChart: String? = overall.first(where: { $0.figures.currency == currency }).map { row in
            let f = row.figures
            return FunnelChart(id: "contact-funnel", title: localizer["contact_funnel"], stages: [
                .init(name: localizer["attempts"], count: f.attempts),
                .init(name: localizer["right_party_contacts"], count: f.rightPartyContacts),
                .init(name: localizer["promises_made"], count: f.promisesMade),
                .init(name: localizer["promises_kept"], count: f.promisesKept),
            ]).svg
        }

        let comparisons = try await CellComparison.load(period, champion: settings.champion, costs: settings.costs, plan: settings.comparison, on: store)
        let comparison = ComparisonWords(plan: settings.comparison, localizer: localizer)
        let cells = comparisons.map { comparison.line($0, champion: comparisons.first { $0.isChampion }) }
        let intervalItems = comparisons.compactMap { cell -> IntervalChart.Item? in
            guard let rate = cell.recoveryRate.rate, let interval = cell.recoveryRate.interval else { return nil }
            return .init(name: cell.cell, estimate: rate, low: interval.lower, high: interval.upper, highlighted: cell.isChampion)
        }
        let cellChart = intervalItems.isEmpty ? nil : IntervalChart(id: "cell-comparison", title: localizer["recovery_by_cell"], items: intervalItems).svg

        let monitoring = try await AccountScoring.monitoring(modelId: nil, on: store.sql)
        let listed = try await ModelRegistry(database: store.sql).all().filter { $0.status != .retired }
        let bestAUC = Dictionary(listed.map { ($0.target, $0.definition.holdout.auc) }, uniquingKeysWith: max)
        let models = listed.map { model in
            let last = monitoring.last { $0.modelId == model.id }
            let kind = model.definition.kind.rawValue
            let cost = model.definition.holdout.auc - (bestAUC[model.target] ?? model.definition.holdout.auc)
            return ModelLine(id: model.id, target: model.target.rawValue, status: model.status.rawValue, kind: kind,
                             asOf: model.asOf, auc: String(format: "%.3f", model.definition.holdout.auc),
                             aucCost: cost < 0 ? String(format: "%.3f", cost).replacingOccurrences(of: "-", with: "−") : nil,
                             ks: String(format: "%.3f", model.definition.holdout.ks),
                             gini: String(format: "%.3f", model.definition.holdout.gini),
                             lastPSI: last.map { String(format: "%.3f", $0.psi) } ?? "–",
                             stability: last.map { localizer["psi_" + ScoreStability(psi: $0.psi).rawValue] } ?? "")
        }
        let active = Set(models.filter { $0.status == "active" }.map(\.id))
        let watched = monitoring.filter { active.contains($0.modelId) && $0.businessDate >= period.from.description && $0.businessDate <= period.to.description }
        let dates = Array(Set(watched.map(\.businessDate))).sorted()
        let colours = ["#1f4e79", "#9b1c1c", "#2f6b3a", "#7a4e9b"]
        let psiChart: String? = dates.count < 2 ? nil : LineChart(
            id: "psi-trend", title: localizer["psi_trend"], labels: dates,
            series: active.sorted().enumerated().map { index, id in
                let byDate = Dictionary(watched.filter { $0.modelId == id }.map { ($0.businessDate, $0.psi) }, uniquingKeysWith: { $1 })
                return .init(name: id, values: dates.map { byDate[$0] }, colour: colours[index % colours.count])
            }, format: { String(format: "%.3f", $0) }).svg
        return AnalyticsView(from: period.from.description, to: period.to.description, by: dimension?.rawValue,
                             dimensions: KPIDimension.allCases.map(\.rawValue), kpis: kpis, trendChart: trendChart,
                             transitionChart: transitionChart, funnelChart: funnelChart, cellChart: cellChart, cells: cells,
                             rateHeaders: comparison.rateHeaders, pValueHeader: comparison.pValueHeader,
                             secondaryHeader: comparison.secondaryHeader,
                             cellMethod: comparison.method(challengers: comparisons.filter { !$0.isChampion }.count), models: models, psiChart: psiChart, currency: currency)
    }
}
