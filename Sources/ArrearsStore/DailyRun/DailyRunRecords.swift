import ArrearsCore
import Foundation

/// What the daily run (`DailyRun`) reads and writes: `SQLDailyRunRecords` keeps it in the
/// database; a test may keep it in memory and check the run's decisions (cases opened and
/// closed, segments, buckets, treatments, the policy pack's blocks, task assignment, a date
/// run twice) without one.
public protocol DailyRunRecords: Sendable {
    /// Signs each customer's self-service link (`{pay_url}` in messages).
    var links: LinkSigner { get }
    /// The summary of `day` (`YYYY-MM-DD`) if that date completed; nil otherwise.
    func completedSummary(of day: String) async throws -> DailyRunSummary?
    /// Runs `work` in one transaction that no other run's writes interleave with: what it writes
    /// commits together, or nothing does when it throws.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any DailyRunTransaction) async throws -> T) async throws -> T
}

/// What the daily run reads and writes inside its one transaction of `DailyRunRecords`.
public protocol DailyRunTransaction: Sendable {
    /// Takes the daily-run lock, held until the transaction ends; `waiting` hears when another
    /// run holds it and this one waits for it.
    func takeRunLock(waiting: @Sendable () -> Void) async throws
    /// The summary of `day` if that date completed; nil otherwise.
    func completedSummary(of day: String) async throws -> DailyRunSummary?
    /// The latest business date that completed, `YYYY-MM-DD` (which orders as dates do).
    func lastCompletedDate() async throws -> String?
    /// Keeps the strategy file's text under its version (`StrategyVersions`).
    func keepStrategy(version: String, content: String, on date: LocalDate) async throws
    /// Judges the active arrangements on `date` (`ArrangementSettlement`): how many became
    /// completed and broken, and the audit events for the run to append at its end.
    func settleArrangements(on date: LocalDate, graceDays: Int, actor: String) async throws -> (counts: [ArrangementStatus: Int], events: [AuditEvent])
    /// How many payments are dated `day`.
    func paymentsDated(_ day: String) async throws -> Int
    /// Recomputes every account's position as of `date` and stores it; returns the number of accounts.
    func recomputePositions(asOf date: LocalDate, buckets: BucketScheme) async throws -> Int
    /// Settles the pending promises due before `date`; how many became kept and broken.
    func settlePromises(before date: LocalDate) async throws -> [String: Int]
    /// Keeps each bucket's accounts and amounts as of `date`.
    func snapshotBuckets(on date: LocalDate) async throws
    /// The models, ledgers and scores, in this transaction, for scoring the delinquent accounts
    /// with the active models (`AccountScoring`).
    var scoring: any ScoringRecords { get }
    /// The active response model's expected repayments for `customers` on `date` (their
    /// features from the positions, scores and history in this transaction); nil when no
    /// response model is active.
    func responseAnswers(on date: LocalDate, customers: Set<String>, buckets: BucketScheme) async throws -> ResponseAnswers?
    /// The delinquent customers with their accounts, open cases, cadence, promises, scores and
    /// kept arrangements as of `date`, with mobile numbers and e-mail addresses opened.
    func caseInputs(for date: LocalDate) async throws -> CaseInputs
    /// Closes the open cases that `reason`'s condition (`CaseCloseReason`) holds for on `day`;
    /// returns how many.
    func closeCases(_ reason: CaseCloseReason, on day: String) async throws -> Int
    /// The flags, contact points, recent attempts and appointments of every customer around
    /// `instant` (`ContactRecords.load`).
    func contactRecords(around instant: Date, lookbackDays: Int) async throws -> ContactRecords.Loaded
    /// Writes `rows` to `table` in bulk, as `table.onConflict` says (`BulkWriter`).
    func insert(_ table: BulkInsert, _ rows: [[BulkValue]]) async throws
    /// Adds each key of `shifts` to the days past due of the cases listed under it, and changes
    /// nothing else of them (`updated_on` stays the day their decision last moved): the daily
    /// run's update of the open cases of which only the DPD moved (`CaseDaysPastDue`).
    func shiftDaysPastDue(_ shifts: [Int: [String]]) async throws
    /// Queues messages in the outbox; a message whose id exists is left alone.
    func enqueue(_ messages: [OutboxMessage]) async throws
    /// How many cases are open.
    func openCaseCount() async throws -> Int
    /// Appends to the audit log in this transaction.
    func audit(_ events: [AuditEvent]) async throws
    /// Records that the date completed, with its summary.
    func recordCompleted(_ summary: DailyRunSummary) async throws
}

/// Why the daily run closes an open case, in the order the run tries them: a case closes for
/// the first reason that holds.
public enum CaseCloseReason: String, Sendable, CaseIterable {
    /// The customer's only overdue accounts were written off on or before the day.
    case writtenOff = "written_off"
    /// No account of the customer is overdue any more, and a settlement was paid since the case opened.
    case settled
    /// No account of the customer is overdue any more.
    case cured
}
