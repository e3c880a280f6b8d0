import ArrearsCore
import Foundation
import SQLKit

/// `arrears retention run`: erases the personal data of the customers whose collection ended
/// more than the retention period ago (`RetentionEligibility`), everywhere it is stored
/// (`PersonalDataPlace`, and the details of their audit entries: `AuditLogErasure`), keeping the
/// rows the bank's accounts and statistics need, anonymised (issue 24, "Retention"; PIPL art. 19
/// and 47; docs/data-protection.md).
///
/// Customers are taken `batchSize` at a time, each batch in one transaction that first takes
/// the head of the audit chain (on PostgreSQL its advisory lock, as every audit writer does),
/// checks again that each customer still qualifies, erases, and appends one `retention.run` entry
/// with the counts (never the erased data) and the digest of the audit entries it erased: a run
/// that stops half-way leaves whole batches behind, and running it again finishes the rest.
/// Only rows that still hold personal data are counted and changed, so a second run of the same
/// date changes nothing and records nothing. A dry run reads the same rows and writes none.
public struct RetentionRun: Sendable {
    public let store: Store
    public let config: RetentionConfig
    public var batchSize = 500

    public init(store: Store, config: RetentionConfig) {
        self.store = store
        self.config = config
    }

    public func run(asOf: LocalDate, dryRun: Bool, by actor: String, now: Date = Date()) async throws -> RetentionReport {
        let cutoff = asOf.adding(days: -config.periodDays)
        let places = PersonalDataPlace.all(asOf: asOf)
        var report = RetentionReport(asOf: asOf, cutoff: cutoff, config: config, dryRun: dryRun,
                                     places: places.map { .init(table: $0.table, verb: $0.treatment.verb, contents: $0.contents, rows: 0) })
        let qualifying = try await RetentionEligibility.customers(asOf: asOf, cutoff: cutoff, among: nil, on: store.sql)
        report.qualifying = qualifying.count
        var start = qualifying.startIndex
        while start < qualifying.endIndex {
            let batch = Array(qualifying[start..<min(start + max(batchSize, 1), qualifying.endIndex)])
            start += batch.count
            let counts: Batch
            if dryRun {
                counts = try await store.reading { database in try await Self.count(batch, places: places, on: database) }
            } else {
                counts = try await store.transaction(alone: true) { [config] database in
                    try await Self.erase(batch, places: places, asOf: asOf, cutoff: cutoff, config: config, by: actor, at: now, on: database)
                }
            }
            for (index, rows) in counts.rows.enumerated() { report.places[index].rows += rows }
            report.auditEntries += counts.auditEntries
            if let run = counts.runEntry { report.runEntries.append(run) }
        }
        return report
    }

    /// What one batch changed (or would change): rows per place in the order of the places.
    private struct Batch: Sendable {
        var rows: [Int]
        var auditEntries: Int
        var runEntry: Int?
    }

    private static func count(_ customers: [String], places: [PersonalDataPlace], on database: any SQLDatabase) async throws -> Batch {
        var rows: [Int] = []
        for place in places { rows.append(try await place.count(customers: customers, on: database)) }
        return Batch(rows: rows, auditEntries: try await AuditLogErasure.entries(of: customers, on: database).count, runEntry: nil)
    }

    private static func erase(_ batch: [String], places: [PersonalDataPlace], asOf: LocalDate, cutoff: LocalDate, config: RetentionConfig,
                              by actor: String, at now: Date, on database: any SQLDatabase) async throws -> Batch {
        try await AdvisoryLock.auditHead.take(on: database)
        // Checked again under the lock: a case, complaint or contact may have come since the list.
        let customers = try await RetentionEligibility.customers(asOf: asOf, cutoff: cutoff, among: batch, on: database)
        let run = (try await AuditLog.head(on: database)?.sequence ?? 0) + 1
        let entries = try await AuditLogErasure.entries(of: customers, on: database)
        let digest = try await AuditLogErasure.erase(entries, run: run, on: database)
        var rows: [Int] = []
        for place in places { rows.append(customers.isEmpty ? 0 : try await place.erase(customers: customers, on: database)) }
        guard digest.entries > 0 || rows.contains(where: { $0 > 0 }) else { return Batch(rows: rows, auditEntries: 0, runEntry: nil) }

        var details = digest.runDetails
        details["as_of"] = asOf.description
        details["period_days"] = String(config.periodDays)
        for (place, count) in zip(places, rows) { details[place.table] = String(count) }
        try await AuditLog.append([AuditEvent(actor: actor, action: AuditErasure.runAction, subject: "retention", details: details)], at: now, on: database)
        guard try await AuditLog.head(on: database)?.sequence == run else { throw RetentionError.auditHeadMoved(expected: run) }
        return Batch(rows: rows, auditEntries: digest.entries, runEntry: run)
    }
}
