import ArrearsCore
import ArrearsSampleData
import ArrearsStore

/// A step of the living demo, for the terminal.
public enum LivingDemoEvent: Sendable, CustomStringConvertible {
    case generated(GeneratedPortfolio)
    case imported(ImportSummary)
    case importIssue(ImportIssue)
    case historyStarts(LocalDate, paymentsDropped: Int)
    case day(LivingDemoDay)
    case recomputed(accounts: Int, asOf: LocalDate)

    public var description: String {
        switch self {
        case .generated(let portfolio):
            "generated \(portfolio.totalRows) rows (\(portfolio.customers) customers, \(portfolio.accounts) accounts) into \(portfolio.directory.path)"
        case .imported(let summary): "imported \(summary.rows) \(summary.kind.rawValue)"
        case .importIssue(let issue): issue.description
        case .historyStarts(let first, let dropped):
            "history starts on \(first): dropped \(dropped) generated payments after it; customers' payments are simulated from here"
        case .day(let day): day.description
        case .recomputed(let accounts, let asOf): "computed delinquency of \(accounts) accounts as of \(asOf)"
        }
    }
}
