import ArrearsCore
import SQLKit

/// What a supervisor needs beside an arrangement waiting for approval (issue 25: "approvals show
/// ids only"): the customer's name, the account's days past due and the customer's open case,
/// to link to.
public enum ApprovalDetails {
    public struct Line: Sendable, Equatable {
        public let customerName: String
        /// The account's DPD in its last position; nil before the account has one.
        public let dpd: Int?
        /// The customer's open case in the account's currency; nil when none is open.
        public let caseId: String?
    }

    /// The details of each account in `accountIds`, by account id (accounts not found are absent).
    public static func of(accountIds: [String], on database: any SQLDatabase) async throws -> [String: Line] {
        guard !accountIds.isEmpty else { return [:] }
        var lines: [String: Line] = [:]
        for row in try await database.raw("""
            SELECT a.id, cu.name, p.dpd,
                (SELECT MIN(k.id) FROM cases k WHERE k.customer_id = a.customer_id AND k.currency = a.currency AND k.closed_on IS NULL) AS case_id
            FROM accounts a JOIN customers cu ON cu.id = a.customer_id LEFT JOIN account_positions p ON p.account_id = a.id
            WHERE a.id IN (\(binds: Array(Set(accountIds))))
            """).all() {
            lines[try row.decode(column: "id", as: String.self)] = Line(
                customerName: try row.decode(column: "name", as: String.self), dpd: try row.decode(column: "dpd", as: Int?.self),
                caseId: try row.decode(column: "case_id", as: String?.self))
        }
        return lines
    }
}
