import ArrearsCore
import ArrearsStore
import Vapor

/// `/runs`: what the daily runs did: the delinquency trend (an SVG line drawn here, no
/// JavaScript), the recent runs, and the champion/challenger cells side by side over the period
/// `/analytics` shows by default (`from`/`to` as there: the 90 days to the last run). The cells'
/// figures are the KPIs by cell (`KPIReport`, docs/kpis.md): the same cases worked, cured and
/// recovered as `/analytics?by=cell` for the same period, never a count of every case ever
/// opened (which is why the two pages once said 207 and 170 challenger cases).
struct RunsPageController: RouteCollection {
    static let days = 90

    struct RunLine {
        let date: String
        let strategy: String
        let openCases: Int
        let opened: Int
        let closed: Int
        let actions: Int
        let messages: Int
        let tasksAssigned: Int
        let tasksQueued: Int
        let promises: String
    }

    struct CellLine {
        let cell: String
        let cases: Int
        /// The cases by currency, when the cell has more than one (`/analytics` compares the
        /// cells in the unit costs' currency, so this is what it counts).
        let casesByCurrency: [(currency: String, cases: Int)]
        let cured: Int
        let cureRate: String
        /// Recovered in the period, per currency, with the recovery rate of each.
        let collected: String
    }

    struct Chart {
        let points: String
        let first: String
        let last: String
        let minimum: Int
        let maximum: Int
    }

    struct Page {
        let t: [String: String]
        let lang: String
        let chart: Chart?
        let runs: [RunLine]
        let cells: [CellLine]
        let from: String
        let to: String
        /// Whether the reader may open `/analytics`, which the cells link to.
        let opensAnalytics: Bool
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("runs", use: runs)
    }

    func runs(req: Request) async throws -> View {
        let localizer = Localizer(request: req)
        let history = RunHistory(store: req.context.reportStore, buckets: req.context.buckets)
        let trend = try await history.trend(limit: Self.days)
        let runs = try await history.recentRuns(limit: 20).map { run in
            RunLine(date: run.businessDate, strategy: run.strategyVersion, openCases: run.casesOpen, opened: run.casesOpened,
                    closed: run.casesClosed, actions: run.actions, messages: run.messagesQueued, tasksAssigned: run.tasksAssigned,
                    tasksQueued: run.tasksQueued,
                    promises: run.promisesSettled.sorted { $0.key < $1.key }.map { "\(localizer[$0.key]) \($0.value)" }.joined(separator: ", "))
        }
        let period = try await AnalyticsPageController.period(req)
        let settings = req.context.analytics
        let rows = try await KPIReport.compute(period, by: .cell, costs: settings.costs, agents: settings.agents, on: req.context.reportStore)
        // A case has one currency: a cell's cases are the sum of its rows, one per currency.
        let cells = Dictionary(grouping: rows, by: \.group).sorted { $0.key < $1.key }.map { cell, rows in
            let cases = rows.reduce(0) { $0 + $1.figures.casesWorked }, cured = rows.reduce(0) { $0 + $1.figures.casesCured }
            let byCurrency = rows.count < 2 ? [] : rows.sorted { $0.figures.currency < $1.figures.currency }.map { ($0.figures.currency, $0.figures.casesWorked) }
            return CellLine(cell: cell, cases: cases, casesByCurrency: byCurrency, cured: cured, cureRate: AnalyticsView.percent(cases == 0 ? nil : Double(cured) / Double(cases)),
                            collected: rows.sorted { $0.figures.currency < $1.figures.currency }.map { row in
                                let f = row.figures
                                return AmountDisplay.grouped(f.recoveredMinor, currency: f.currency) + " " + f.currency + " (" + AnalyticsView.recoveryPercent(f.recoveryRate) + ")"
                            }.joined(separator: ", "))
        }
        let role = try req.signedInUser().role
        return RunsView.page(Page(t: localizer.table, lang: localizer.language.rawValue, chart: Self.chart(trend), runs: runs, cells: cells,
                                  from: period.from.description, to: period.to.description,
                                  opensAnalytics: analyticsPages.contains(role)),
                            csrfToken: req.csrfToken(), role: role).view
    }

    /// The delinquent-account count as an SVG polyline in a 600 × 120 box.
    static func chart(_ trend: [RunHistory.TrendPoint]) -> Chart? {
        guard trend.count >= 2 else { return nil }
        let values = trend.map(\.delinquentAccounts)
        let low = values.min()!, high = values.max()!
        let span = Double(max(1, high - low))
        let points = values.enumerated().map { index, value in
            let x = Double(index) / Double(values.count - 1) * 600
            let y = 115 - Double(value - low) / span * 110
            return String(format: "%.1f,%.1f", x, y)
        }.joined(separator: " ")
        return Chart(points: points, first: trend.first!.businessDate, last: trend.last!.businessDate, minimum: low, maximum: high)
    }
}
