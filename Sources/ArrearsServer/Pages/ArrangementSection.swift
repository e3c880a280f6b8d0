import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import SQLKit

/// The case page's "Arrangement" section: which account a proposal is for unless the collector
/// picks another (the customer's oldest overdue), the arrangements of all the customer's accounts, and why the last proposal was
/// refused, if it was.
struct ArrangementSection {
    let accountId: String?
    let currency: String?
    let items: [ArrangementLine]
    let error: String?

    /// The account a proposal from the case page is for by default: the oldest overdue (the
    /// most days past due), then the most overdue; nil when the customer has no account.
    static func target(_ file: CaseFile) -> AccountFile? {
        file.accounts.max { ($0.position?.dpd ?? 0, $0.position?.overdueMinor ?? 0) < ($1.position?.dpd ?? 0, $1.position?.overdueMinor ?? 0) }
    }

    static func load(_ file: CaseFile, error: String?, words: [String: String], on database: any SQLDatabase) async throws -> ArrangementSection {
        let items = try await Arrangements.list(accountIds: file.accounts.map(\.id), on: database).map { ArrangementLine($0, words: words) }
        let target = target(file)
        return ArrangementSection(accountId: target?.id, currency: target?.currency, items: items, error: error)
    }
}
