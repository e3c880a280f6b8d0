import ArrearsCore

/// The rows the daily run's settlement of arrangements (`ArrangementSettlement`) reads and
/// writes: `SQLArrangementSettlementRecords` on the caller's transaction; a test may keep them in
/// memory and check the rules (completed when paid, a settlement's rest forgiven, broken when an
/// instalment is missed and the replaced dues put back) without a database.
public protocol ArrangementSettlementRecords: Sendable {
    /// Every active arrangement, by id.
    func activeArrangements() async throws -> [StoredArrangement]
    /// The account's dues, by date.
    func dues(of accountId: String) async throws -> [Due]
    /// The sum of the account's payments dated from `from` (when given) to `through`, inclusive.
    func paid(into accountId: String, from: LocalDate?, through: LocalDate) async throws -> Int64
    /// The account's dues as they would stand had `arrangementId` changed nothing (`AccountDues.unsettled`).
    func unsettled(_ dues: [Due], accountId: String, arrangementId: String) async throws -> [Due]
    /// Rewrites the account's dues, keeping what each date held before (`AccountDues.apply`).
    func apply(_ changes: [DueRewrite.Change], accountId: String, arrangementId: String) async throws
    /// Puts back every due `arrangementId` changed; how many dates (`AccountDues.restore`).
    func restore(accountId: String, arrangementId: String) async throws -> Int
    /// Marks the arrangement `status` (completed or broken), settled on `date`.
    func settle(_ id: String, as status: ArrangementStatus, on date: LocalDate) async throws
}
