import ArrearsCore
import Foundation
import SQLKit

/// The audit chains of a partitioned day's partitions (docs/scale-out.md): each partition of a
/// date appends to a chain of its own in `audit_partition_log`, whose first entry follows the
/// day's root entry in `audit_log` (the `run_day_planned` entry of the date), so that workers
/// never wait for each other, nor for the workbench, at the head of the one chain.
public enum AuditPartitionChains {
    /// The action of a partitioned day's root entry in `audit_log`; its subject is the date.
    public static let rootAction = "run_day_planned"

    /// Appends `events` to the one chain of `audit_log`, the last of them the day's root entry
    /// (`rootAction`, subject `day`, with `details`), in the caller's transaction; returns the
    /// root entry's hash, which every partition's chain follows.
    public static func appendRoot(_ events: [AuditEvent], day: String, actor: String, details: [String: String],
                                  on database: any SQLDatabase) async throws -> String {
        try await AuditLog.append(events + [AuditEvent(actor: actor, action: rootAction, subject: day, details: details)], on: database)
        return try await AuditLog.head(on: database)?.hash ?? AuditEntry.genesisHash
    }

    /// Appends `events` to the chain of partition `part` of `day`, which follows `anchor` (the
    /// hash of the day's root entry), inside the caller's transaction. Only the partition's own
    /// worker writes its chain, so nothing is locked but its rows.
    public static func append(_ events: [AuditEvent], day: String, part: Int, anchor: String, at now: Date = Date(),
                              on database: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        let head = try await database.raw("""
            SELECT sequence, hash FROM audit_partition_log WHERE business_date = \(bind: day) AND part = \(bind: part) ORDER BY sequence DESC LIMIT 1
            """).first()
        var previous: (sequence: Int, hash: String) = (0, anchor)
        if let head { previous = (try head.decode(column: "sequence", as: Int.self), try head.decode(column: "hash", as: String.self)) }
        let timestamp = UTCTimestamp.text(now)
        var rows: [[BulkValue]] = []
        for event in events {
            let entry = AuditEntry(following: previous, at: timestamp, actor: event.actor, action: event.action, subject: event.subject,
                                   details: AuditDetails.json(event.details))
            rows.append([.text(day), .integer(Int64(part)), .integer(Int64(entry.sequence)), .text(entry.at), .text(entry.actor), .text(entry.action),
                         .text(entry.subject), .text(entry.details), .text(entry.detailsHash ?? ""), .integer(Int64(entry.scheme.rawValue)),
                         .text(entry.previousHash), .text(entry.hash)])
            previous = (entry.sequence, entry.hash)
        }
        try await BulkWriter(database: database).insert(table, rows)
    }

    static let table = BulkInsert(table: "audit_partition_log", columns: ["business_date", "part", "sequence", "at", "actor", "action", "subject", "details",
                                                                          "details_hash", "hash_version", "previous_hash", "hash"],
                                  key: ["business_date", "part", "sequence"], onConflict: .fail)

    /// The result of walking every partition chain.
    public struct Verification: Sendable {
        /// How many chains and entries were checked.
        public let chains: Int
        public let entries: Int
        /// The first chain that does not verify, and why.
        public let firstBreak: String?
    }

    /// Walks every partition's chain from the day's root entry: each must start from the hash of
    /// its date's `run_day_planned` entry in `audit_log` (which the main chain verifies) and be
    /// unbroken.
    public static func verify(on database: any SQLDatabase) async throws -> Verification {
        var roots: [String: String] = [:]
        for row in try await database.raw("""
            SELECT subject, hash FROM audit_log WHERE action = \(bind: rootAction) ORDER BY sequence
            """).all() {
            roots[try row.decode(column: "subject", as: String.self)] = try row.decode(column: "hash", as: String.self)
        }
        var chains = 0, entries = 0
        var current: (day: String, part: Int)?
        var chain = AuditChain()
        func close() -> String? {
            guard let current, let broken = chain.finish() else { return nil }
            return "the audit chain of partition \(current.part) of \(current.day) is broken: \(broken)"
        }
        for row in try await database.raw("""
            SELECT business_date, part, \(unsafeRaw: AuditLog.columns) FROM audit_partition_log ORDER BY business_date, part, sequence
            """).all() {
            let day = try row.decode(column: "business_date", as: String.self)
            let part = try row.decode(column: "part", as: Int.self)
            if current?.day != day || current?.part != part {
                if let broken = close() { return Verification(chains: chains, entries: entries, firstBreak: broken) }
                guard let root = roots[day] else {
                    return Verification(chains: chains, entries: entries,
                                        firstBreak: "the audit chain of partition \(part) of \(day) has no root entry (\(rootAction) \(day)) in the audit log")
                }
                current = (day, part)
                chain = AuditChain(anchor: root)
                chains += 1
            }
            entries += 1
            chain.check(try AuditLog.entry(row))
        }
        return Verification(chains: chains, entries: entries, firstBreak: close())
    }
}
