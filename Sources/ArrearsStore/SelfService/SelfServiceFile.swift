import ArrearsCore
import Foundation
import SQLKit

/// What the self-service page shows a customer: what they owe per account, their open case,
/// pending promise and open arrangements. Personal data beyond their name is not shown: the
/// link may be forwarded.
public struct SelfServiceFile: Sendable {
    public struct Account: Sendable {
        public let id: String
        public let product: String
        public let currency: String
        public let dpd: Int
        public let overdueMinor: Int64
        public let outstandingMinor: Int64
        public let oldestUnpaidDueOn: String?
    }

    public struct Arrangement: Sendable {
        public let id: String
        public let kind: String
        public let status: String
        /// How a settlement being kept stands: what is left to pay and what paying it forgives.
        public var settlement: AccountSettlement?
    }

    public let customerId: String
    public let name: String
    public let language: Language
    public let accounts: [Account]
    /// The open case and its currency, which a promise is made in.
    public let caseId: String?
    public let caseCurrency: String?
    public let pendingPromise: (amountMinor: Int64, currency: String, dueOn: String)?
    public let arrangements: [Arrangement]

    /// The most overdue account: the one a plan request is for.
    public var mostOverdue: Account? { accounts.filter { $0.overdueMinor > 0 }.max { ($0.dpd, $0.overdueMinor) < ($1.dpd, $1.overdueMinor) } }

    public static func load(customerId: String, on database: any SQLDatabase) async throws -> SelfServiceFile? {
        guard let customer = try await database.raw("SELECT name, language FROM customers WHERE id = \(bind: customerId)").first() else { return nil }
        let accounts = try await database.raw("""
            SELECT a.id, a.product, a.currency, p.dpd, p.overdue_minor, p.outstanding_minor, p.oldest_unpaid_due_on
            FROM accounts a JOIN account_positions p ON p.account_id = a.id
            WHERE a.customer_id = \(bind: customerId) AND p.outstanding_minor > 0 ORDER BY a.id
            """).all().map { row in
            Account(id: try row.decode(column: "id", as: String.self), product: try row.decode(column: "product", as: String.self),
                    currency: try row.decode(column: "currency", as: String.self), dpd: try row.decode(column: "dpd", as: Int.self),
                    overdueMinor: try row.decode(column: "overdue_minor", as: Int64.self),
                    outstandingMinor: try row.decode(column: "outstanding_minor", as: Int64.self),
                    oldestUnpaidDueOn: try row.decode(column: "oldest_unpaid_due_on", as: String?.self))
        }
        let openCase = try await database.raw("SELECT id, currency FROM cases WHERE customer_id = \(bind: customerId) AND status = 'open'").first()
        let promise = try await database.raw("""
            SELECT amount_minor, currency, due_on FROM promises WHERE customer_id = \(bind: customerId) AND status = 'pending' ORDER BY due_on DESC
            """).first()
        let settlements = try await AccountSettlement.latest(of: accounts.map(\.id), on: database).values
        let arrangements = try await database.raw("""
            SELECT id, kind, status FROM arrangements WHERE customer_id = \(bind: customerId) AND status IN ('proposed', 'approved', 'active') ORDER BY id
            """).all().map { row in
            let id = try row.decode(column: "id", as: String.self)
            return Arrangement(id: id, kind: try row.decode(column: "kind", as: String.self), status: try row.decode(column: "status", as: String.self),
                               settlement: settlements.first { $0.arrangementId == id })
        }
        return SelfServiceFile(
            customerId: customerId, name: try customer.decode(column: "name", as: String.self),
            language: Language(rawValue: try customer.decode(column: "language", as: String.self)) ?? .default,
            accounts: accounts, caseId: try openCase?.decode(column: "id", as: String.self), caseCurrency: try openCase?.decode(column: "currency", as: String.self),
            pendingPromise: try promise.map { (try $0.decode(column: "amount_minor", as: Int64.self), try $0.decode(column: "currency", as: String.self),
                                               try $0.decode(column: "due_on", as: String.self)) },
            arrangements: arrangements)
    }
}
