import ArrearsCore
import Foundation

/// The rows printing a day's collection letters (`LetterPrint`) reads and writes:
/// `SQLLetterPrintRecords` keeps them in the database; a test may keep them in memory and check
/// the rules (a letter the pack now forbids or without a name or address is withheld, each letter
/// is recorded as sent once and audited with the customers' details it opened, nothing is
/// recorded when writing the batch fails) without one.
public protocol LetterPrintRecords: Sendable {
    /// Runs `work` in one transaction: what it writes commits together, or nothing does when it throws.
    func transaction<T: Sendable>(_ work: @escaping @Sendable (any LetterPrintTransaction) async throws -> T) async throws -> T
}

/// What printing letters reads and writes inside one transaction of `LetterPrintRecords`.
public protocol LetterPrintTransaction: Sendable {
    /// The letters of business date `date`, by id, with their customers' name and address as stored.
    func letters(of date: LocalDate) async throws -> [LetterRecords.Letter]
    /// The customers' standings, in this transaction (`ContactCheck`).
    var contactChecks: any ContactCheckRecords { get }
    /// A customer's name or address opened from the form it is stored in (sealed or not).
    func open(_ stored: String?) throws -> String?
    /// Records that the queued letter `id` is not sent, and why (`LetterRecords.withhold`).
    func withhold(_ id: String, reason: String) async throws
    /// Records that the queued letter `id` was printed (`LetterRecords.markPrinted`); false when
    /// it was not queued, which changes nothing.
    func markPrinted(_ id: String, at now: Date, by actor: String) async throws -> Bool
    /// Appends to the audit log in this transaction.
    func audit(_ events: [AuditEvent], at now: Date) async throws
}
