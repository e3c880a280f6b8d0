import ArrearsCore
import ArrearsStore
import Vapor

/// `/runs`: what the daily runs did: the delinquency trend (an SVG line drawn here, no
/// JavaScript), the recent runs, and the champion/challenger cells side by side.
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
        let cured: Int
        let open: Int
        let cureRate: String
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
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("runs", use: runs)
    }

    func runs(req: Request) async throws -> View {
        let localizer = Localizer(request: req)
        let history = RunHistory(store: req.context.store, buckets: req.context.buckets)
        let trend = try await history.trend(limit: Self.days)
        let runs = try await history.recentRuns(limit: 20).map { run in
            RunLine(date: run.businessDate, strategy: run.strategyVersion, openCases: run.casesOpen, opened: run.casesOpened,
                    closed: run.casesClosed, actions: run.actions, messages: run.messagesQueued, tasksAssigned: run.tasksAssigned,
                    tasksQueued: run.tasksQueued,
                    promises: run.promisesSettled.sorted { $0.key < $1.key }.map { "\(localizer[$0.key]) \($0.value)" }.joined(separator: ", "))
        }
        let cells = try await history.cells().map { outcome in
            CellLine(cell: outcome.cell, cases: outcome.cases, cured: outcome.cured, open: outcome.open,
                     cureRate: String(format: "%.1f%%", outcome.cureRate * 100),
                     collected: outcome.collectedMinor.sorted { $0.key < $1.key }.map { code, minor in
                         AmountDisplay.grouped(minor, currency: code) + " " + code
                     }.joined(separator: ", "))
        }
        return RunsView.page(Page(t: localizer.table, lang: localizer.language.rawValue, chart: Self.chart(trend), runs: runs, cells: cells),
                            csrfToken: req.csrfToken(), role: try req.signedInUser().role).view
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
