import ArrearsCore
import ArrearsStore
import Foundation

/// The letters of the daily runs kept in memory, with their customers' standings
/// (`contactChecks`) and the audit entries written. Names and addresses are kept as they are
/// given (opened, they are the same). A transaction that throws leaves the letters and the audit
/// as they were, as the database's does.
final class InMemoryLetterPrints: LetterPrintRecords, LetterPrintTransaction, @unchecked Sendable {
    private struct Rows {
        var letters: [String: LetterRecords.Letter] = [:]
        var audit: [AuditEvent] = []
    }

    private let lock = NSLock()
    private var rows = Rows()
    let checks = InMemoryContactChecks()

    var contactChecks: any ContactCheckRecords { checks }

    /// Adds `letter` as the daily run writes it.
    func add(_ letter: LetterRecords.Letter) { lock.withLock { rows.letters[letter.id] = letter } }

    /// The status of each letter (and why it is withheld), by id.
    var statuses: [String: String] { lock.withLock { rows.letters.mapValues { $0.reason.map { "withheld: " + $0 } ?? $0.status } } }
    var audit: [AuditEvent] { lock.withLock { rows.audit } }

    func transaction<T: Sendable>(_ work: @escaping @Sendable (any LetterPrintTransaction) async throws -> T) async throws -> T {
        let before = lock.withLock { rows }
        do { return try await work(self) } catch {
            lock.withLock { rows = before }
            throw error
        }
    }

    func letters(of date: LocalDate) async throws -> [LetterRecords.Letter] {
        lock.withLock { rows.letters.values.filter { $0.businessDate == date.description }.sorted { $0.id < $1.id } }
    }

    func open(_ stored: String?) throws -> String? { stored }

    func withhold(_ id: String, reason: String) async throws {
        lock.withLock {
            guard let letter = rows.letters[id], letter.status == LetterRecords.Status.queued.rawValue else { return }
            rows.letters[id] = letter.with(status: .withheld, reason: reason, printedAt: nil)
        }
    }

    func markPrinted(_ id: String, at now: Date, by actor: String) async throws -> Bool {
        lock.withLock {
            guard let letter = rows.letters[id], letter.status == LetterRecords.Status.queued.rawValue else { return false }
            rows.letters[id] = letter.with(status: .printed, reason: nil, printedAt: ContactRecords.timestamp(now))
            return true
        }
    }

    func audit(_ events: [AuditEvent], at now: Date) async throws { lock.withLock { rows.audit += events } }
}

private extension LetterRecords.Letter {
    func with(status: LetterRecords.Status, reason: String?, printedAt: String?) -> LetterRecords.Letter {
        LetterRecords.Letter(id: id, caseId: caseId, customerId: customerId, businessDate: businessDate, template: template, language: language,
                             currency: currency, overdueMinor: overdueMinor, dpd: dpd, dueOn: dueOn, status: status.rawValue, reason: reason,
                             printedAt: printedAt, storedName: storedName, storedAddress: storedAddress)
    }
}
