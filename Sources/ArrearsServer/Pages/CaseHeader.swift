import ArrearsCore
import ArrearsStore

/// The case page's header figures, taken from the accounts the page lists below it so that the
/// two always agree (issue 25: the header said DPD 106 while the account said 108). The case's own
/// row holds what the last daily run decided on, and is older than the accounts' positions as
/// soon as a payment, an arrangement or a recompute moves an account after the run (the
/// recompute dates the position to the day it ran, at least the run's date), or when the run
/// decided on the accounts no kept arrangement covers. The header shows the accounts as they are.
struct CaseHeader {
    struct Total {
        let currency: String
        let overdueMinor: Int64
        let outstandingMinor: Int64
    }

    /// The most days past due of any account, its bucket and the account; the case row's own
    /// when no account has a position yet.
    let dpd: Int
    let bucket: String
    let worstAccountId: String?
    /// The latest date the positions were computed for.
    let asOf: String?
    /// Overdue and outstanding per currency, the case's currency first.
    let totals: [Total]
    /// The lowest `pay30` points of the accounts (the daily run segments on the lowest); nil
    /// before the first scoring.
    let score: Int64?

    init(_ file: CaseFile) {
        let positioned = file.accounts.compactMap { account in account.position.map { (account, $0) } }
        if let worst = positioned.max(by: { ($0.1.dpd, $0.1.overdueMinor) < ($1.1.dpd, $1.1.overdueMinor) }) {
            (dpd, bucket, worstAccountId) = (worst.1.dpd, worst.1.bucket, worst.0.id)
        } else {
            (dpd, bucket, worstAccountId) = (file.summary.dpd, file.summary.bucket, nil)
        }
        asOf = positioned.map(\.1.asOf).max()
        var totals: [String: Total] = [:]
        for (account, position) in positioned {
            let sum = totals[account.currency]
            totals[account.currency] = Total(currency: account.currency,
                                             overdueMinor: MinorUnits.adding(sum?.overdueMinor ?? 0, position.overdueMinor),
                                             outstandingMinor: MinorUnits.adding(sum?.outstandingMinor ?? 0, position.outstandingMinor))
        }
        if totals.isEmpty {
            totals[file.summary.currency] = Total(currency: file.summary.currency, overdueMinor: file.summary.overdueMinor, outstandingMinor: 0)
        }
        let caseCurrency = file.summary.currency
        self.totals = totals.values.sorted { ($0.currency == caseCurrency ? 0 : 1, $0.currency) < ($1.currency == caseCurrency ? 0 : 1, $1.currency) }
        score = file.accounts.flatMap(\.scores).filter { $0.target == "pay30" }.map(\.points).min()
    }
}
