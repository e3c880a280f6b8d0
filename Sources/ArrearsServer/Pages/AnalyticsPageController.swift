import ArrearsCore
import ArrearsStore
import Vapor

/// `/analytics`: the collection KPIs of a period, overall or by a dimension, with the
/// delinquency trend, the bucket transition heat-map, the contact funnel and the
/// champion/challenger cells as SVG drawn here (no JavaScript), and the models' health;
/// `/analytics/kpis.csv` the same KPIs as CSV; `/reports/monthly` the printable monthly
/// management and supervision report.
struct AnalyticsPageController: RouteCollection {
    struct Page {
        let t: [String: String]
        let lang: String
        let view: AnalyticsView
        let month: String?
        let teams: [AnalyticsView.KPILine]
        let collectors: [AnalyticsView.KPILine]
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("analytics", use: analytics)
        routes.get("analytics", "kpis.csv", use: csv)
        routes.get("reports", "monthly", use: monthly)
    }

    /// The longest period the KPIs are computed over: ten years of business dates.
    static let maximumPeriodDays = 3_660

    /// `from` and `to` from the query, else the 90 days to the last business date run (or today).
    static func period(_ req: Request) async throws -> KPIPeriod {
        let last = try await RunHistory(store: req.context.reportStore, buckets: req.context.buckets).recentRuns(limit: 1).first
            .flatMap { LocalDate(iso: $0.businessDate) } ?? LocalDate.today()
        let to = try RequestField.queryDate(req, "to") ?? last
        let from = try RequestField.queryDate(req, "from") ?? to.adding(days: -89)
        guard let period = KPIPeriod(from: from, to: to) else { throw Abort(.badRequest, reason: "from must not be after to") }
        guard to.days(since: from) < Self.maximumPeriodDays else {
            throw APIError.badRequest("invalid_parameter", "a period is at most \(Self.maximumPeriodDays) days", field: "from")
        }
        return period
    }

    static func dimension(_ req: Request) throws -> KPIDimension? {
        guard let text = req.query[String.self, at: "by"], !text.isEmpty else { return nil }
        guard let dimension = KPIDimension(rawValue: text) else {
            throw Abort(.badRequest, reason: "by must be one of \(KPIDimension.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return dimension
    }

    func analytics(req: Request) async throws -> View {
        let localizer = Localizer(request: req)
        let view = try await AnalyticsView.load(try await Self.period(req), by: try Self.dimension(req), context: req.context, localizer: localizer)
        return AnalyticsPages.analytics(Page(t: localizer.table, lang: localizer.language.rawValue, view: view, month: nil, teams: [], collectors: []),
                                        csrfToken: req.csrfToken(), role: try req.signedInUser().role).view
    }

    func csv(req: Request) async throws -> Response {
        let period = try await Self.period(req)
        let settings = req.context.analytics
        let rows = try await KPIReport.compute(period, by: try Self.dimension(req), costs: settings.costs, agents: settings.agents, on: req.context.reportStore)
        var text = ""
        KPIReportWriter.write(rows, format: .csv, sink: { text += $0 })
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "kpis-\(period.from)-\(period.to).csv")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// `?month=YYYY-MM`, default the month of the last business date run.
    func monthly(req: Request) async throws -> View {
        let localizer = Localizer(request: req)
        let first: LocalDate
        if let asked = try RequestField.queryMonth(req, "month") {
            first = asked
        } else {
            let last = try await Self.period(req).to
            first = last.adding(days: 1 - last.components.day)
        }
        // A month's first day to its last: `from` is never after `to`.
        guard let period = KPIPeriod(from: first, to: first.adding(months: 1).adding(days: -1)) else { throw Abort(.badRequest) }
        let month = first.components
        let context = req.context
        let view = try await AnalyticsView.load(period, by: .segment, context: context, localizer: localizer)
        let settings = context.analytics
        let teams = AnalyticsView.lines(try await KPIReport.compute(period, by: .team, costs: settings.costs, agents: settings.agents, on: context.reportStore))
        let collectors = AnalyticsView.lines(try await KPIReport.compute(period, by: .collector, costs: settings.costs, agents: settings.agents, on: context.reportStore))
        let label = String(format: "%04d-%02d", month.year, month.month)
        return AnalyticsPages.monthly(Page(t: localizer.table, lang: localizer.language.rawValue, view: view, month: label, teams: teams, collectors: collectors),
                                      csrfToken: req.csrfToken(), role: try req.signedInUser().role).view
    }
}
