import ArrearsCore
import ArrearsStore
import Vapor

/// The first page: delinquent accounts by bucket with counts and amounts, and the most
/// delinquent accounts, filterable by bucket, for the back office (`backOfficePages`). Anyone
/// else signed in who opens `/` is sent to their own home (`RoleMenu.home`), so the bare address
/// never answers a collector with a 403.
struct PortfolioPageController: RouteCollection {
    static let pageSize = 50

    struct BucketLine {
        let bucket: String
        let label: String
        let currency: String
        let accounts: Int
        let overdue: String
        let outstanding: String
        let delinquent: Bool
    }

    struct AccountLine {
        let accountId: String
        let customerId: String
        let product: String
        let currency: String
        let dpd: Int
        let bucket: String
        let overdue: String
        let outstanding: String
    }

    struct Page {
        let t: [String: String]
        let lang: String
        let asOf: String?
        let buckets: [BucketLine]
        let bucketNames: [String]
        let selectedBucket: String?
        let delinquentCount: Int
        let accounts: [AccountLine]
        let page: Int
        let previousPage: Int?
        let nextPage: Int?
        /// The alert of a business date not complete by the schedule's deadline; nil when none is late.
        var overdue: String?
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: overview)
    }

    func overview(req: Request) async throws -> Response {
        let role = try req.signedInUser().role
        guard backOfficePages.contains(role) else {
            guard let home = RoleMenu.home(of: role) else { throw Abort(.forbidden) }
            return req.redirect(to: home, redirectType: .normal)
        }
        let localizer = Localizer(request: req)
        let context = req.context
        let positions = PositionRepository(store: context.store, buckets: context.buckets)
        let names = context.buckets.buckets.map(\.name)
        let selected = req.query[String.self, at: "bucket"].flatMap { names.contains($0) ? $0 : nil }
        let page = try RequestField.page(req)
        let asOf = try await positions.storedAsOf()
        let totals = try await positions.bucketTotals()
        let accounts = try await positions.mostDelinquent(bucket: selected, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
        let firstBucket = names.first
        let lines = totals.map { total in
            BucketLine(
                bucket: total.bucket,
                label: Words(localizer).code(.bucket, total.bucket),
                currency: total.currency,
                accounts: total.accounts,
                overdue: AmountDisplay.grouped(total.overdueMinor, currency: total.currency),
                outstanding: AmountDisplay.grouped(total.outstandingMinor, currency: total.currency),
                delinquent: total.bucket != firstBucket
            )
        }
        let view = Page(
            t: localizer.table,
            lang: localizer.language.rawValue,
            asOf: asOf?.description,
            buckets: lines,
            bucketNames: Array(names.dropFirst()),
            selectedBucket: selected,
            delinquentCount: totals.filter { $0.bucket != firstBucket }.reduce(0) { $0 + $1.accounts },
            accounts: accounts.prefix(Self.pageSize).map { row in
                AccountLine(
                    accountId: row.accountId, customerId: row.customerId, product: Words(localizer).code(.product, row.product),
                    currency: row.currency, dpd: row.dpd, bucket: row.bucket,
                    overdue: AmountDisplay.grouped(row.overdueMinor, currency: row.currency),
                    outstanding: AmountDisplay.grouped(row.outstandingMinor, currency: row.currency)
                )
            },
            page: page,
            previousPage: page > 1 ? page - 1 : nil,
            nextPage: accounts.count > Self.pageSize ? page + 1 : nil
        )
        var shown = view
        shown.overdue = try await Self.overdueNotice(context, words: Words(localizer))
        return try await PortfolioView.page(shown, csrfToken: req.csrfToken(), role: role).view.encodeResponse(for: req)
    }

    /// The notice of a business date not complete by its deadline (`serve --schedule`); nil
    /// without a schedule or when no date is late.
    static func overdueNotice(_ context: ServerContext, words t: Words) async throws -> String? {
        guard let schedule = context.schedule else { return nil }
        let last = try await RunHistory(store: context.store, buckets: context.buckets).lastCompletedDate()
        guard let overdue = schedule.overdueDate(at: context.now(), lastCompleted: last) else { return nil }
        return t["run_overdue"].replacingOccurrences(of: "{date}", with: overdue.description)
            .replacingOccurrences(of: "{deadline}", with: DailySchedule.clock(schedule.deadline))
            .replacingOccurrences(of: "{zone}", with: schedule.timeZone.identifier)
            .replacingOccurrences(of: "{last}", with: last?.description ?? t["run_overdue_none"])
    }
}
