import ArrearsCore
import ArrearsStore
import Vapor

/// The first page: delinquent accounts by bucket with counts and amounts, and the most
/// delinquent accounts, filterable by bucket.
struct PortfolioPageController: RouteCollection {
    static let pageSize = 50

    struct BucketLine: Encodable {
        let bucket: String
        let label: String
        let currency: String
        let accounts: Int
        let overdue: String
        let outstanding: String
        let delinquent: Bool
    }

    struct AccountLine: Encodable {
        let accountId: String
        let customerId: String
        let product: String
        let currency: String
        let dpd: Int
        let bucket: String
        let overdue: String
        let outstanding: String
    }

    struct Page: Encodable {
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
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(use: overview)
    }

    func overview(req: Request) async throws -> View {
        let localizer = Localizer(request: req)
        let context = req.context
        let positions = PositionRepository(store: context.store, buckets: context.buckets)
        let names = context.buckets.buckets.map(\.name)
        let selected = req.query[String.self, at: "bucket"].flatMap { names.contains($0) ? $0 : nil }
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let asOf = try await positions.storedAsOf()
        let totals = try await positions.bucketTotals()
        let accounts = try await positions.mostDelinquent(bucket: selected, limit: Self.pageSize + 1, offset: (page - 1) * Self.pageSize)
        let firstBucket = names.first
        let lines = totals.map { total in
            let digits = Currency(code: total.currency)?.minorDigits ?? 2
            return BucketLine(
                bucket: total.bucket,
                label: total.bucket == firstBucket ? localizer["current"] : total.bucket,
                currency: total.currency,
                accounts: total.accounts,
                overdue: Self.grouped(DecimalAmount.format(total.overdueMinor, minorDigits: digits)),
                outstanding: Self.grouped(DecimalAmount.format(total.outstandingMinor, minorDigits: digits)),
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
                let digits = Currency(code: row.currency)?.minorDigits ?? 2
                return AccountLine(
                    accountId: row.accountId, customerId: row.customerId, product: localizer[row.product],
                    currency: row.currency, dpd: row.dpd, bucket: row.bucket,
                    overdue: Self.grouped(DecimalAmount.format(row.overdueMinor, minorDigits: digits)),
                    outstanding: Self.grouped(DecimalAmount.format(row.outstandingMinor, minorDigits: digits))
                )
            },
            page: page,
            previousPage: page > 1 ? page - 1 : nil,
            nextPage: accounts.count > Self.pageSize ? page + 1 : nil
        )
        return try await req.view.render("portfolio", view)
    }

    /// `1234567.89` as `1,234,567.89`.
    static func grouped(_ decimal: String) -> String {
        let parts = decimal.split(separator: ".", maxSplits: 1)
        let whole = Array(parts[0])
        var out = ""
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return parts.count > 1 ? out + "." + parts[1] : out
    }
}
