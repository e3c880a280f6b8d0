import ArrearsCore
import Foundation
import SQLKit

/// What happened, for the audit log: the caller says who, what and to which subject.
public struct AuditEvent: Sendable {
    public let actor: String
    public let action: String
    public let subject: String
    /// Before/after values or counts, as a JSON object.
    public let details: [String: String]

    public init(actor: String, action: String, subject: String, details: [String: String] = [:]) {
        self.actor = actor
        self.action = action
        self.subject = subject
        self.details = details
    }

    /// The person or process behind a command-line change: `cli:` and the operating-system user.
    public static var commandLineActor: String {
        "cli:" + (ProcessInfo.processInfo.environment["USER"] ?? ProcessInfo.processInfo.environment["LOGNAME"] ?? "unknown")
    }
}

/// An event's details as the audit log stores them: a JSON object with its keys in order, written
/// as `JSONEncoder` with `.sortedKeys` writes a `[String: String]` (a `/` as `\/`), but without
/// Codable's machinery: every logged contact attempt writes one (the workbench benchmark put
/// `JSONEncoder` at 2% of the server's time).
enum AuditDetails {
    static func json(_ details: [String: String]) -> String {
        var out = "{"
        for (offset, key) in details.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
            if offset > 0 { out.append(",") }
            JSONText.appendQuoted(key, to: &out, escapingSlash: true)
            out.append(":")
            JSONText.appendQuoted(details[key] ?? "", to: &out, escapingSlash: true)
        }
        out.append("}")
        return out
    }
}

/// The append-only, SHA-256 hash-chained audit log in the database.
public enum AuditLog {
    /// Appends `events` after the last entry, inside the caller's transaction, so that the change
    /// and its record commit together or not at all.
    ///
    /// Writers take turns at the head of the chain, across connections and processes: on
    /// PostgreSQL the transaction first takes the `AdvisoryLock.auditHead` lock, which it holds
    /// until it commits, so the next writer reads the head only after this one's entries are
    /// in (called outside a transaction, the append runs in one of its own); on SQLite the
    /// transaction already holds the database's write lock. Audited changes therefore commit
    /// one at a time from their append on: append last, after the change's own work.
    public static func append(_ events: [AuditEvent], at now: Date = Date(), on database: any SQLDatabase) async throws {
        guard !events.isEmpty else { return }
        try await AdvisoryLock.holding(.auditHead, on: database) { database in
            try await appendHoldingTheHead(events, at: now, on: database)
        }
    }

    private static func appendHoldingTheHead(_ events: [AuditEvent], at now: Date, on database: any SQLDatabase) async throws {
        var previous = try await head(on: database)
        let timestamp = UTCTimestamp.text(now)
        var rows: [[BulkValue]] = []
        for event in events {
            let details = AuditDetails.json(event.details)
            let entry = AuditEntry(following: previous, at: timestamp, actor: event.actor, action: event.action, subject: event.subject, details: details)
            rows.append([.integer(Int64(entry.sequence)), .text(entry.at), .text(entry.actor), .text(entry.action), .text(entry.subject),
                         .text(entry.details), .text(entry.detailsHash ?? ""), .integer(Int64(entry.scheme.rawValue)), .text(entry.previousHash),
                         .text(entry.hash)])
            previous = (entry.sequence, entry.hash)
        }
        // Should a writer ever reach the head without the lock (a transaction at repeatable read
        // that read the head before another committed), the taken sequence number makes this
        // insert, and so its whole transaction, fail: the chain never forks.
        try await BulkWriter(database: database).insert(table, rows)
    }

    static let table = BulkInsert(table: "audit_log", columns: ["sequence", "at", "actor", "action", "subject", "details", "details_hash", "hash_version",
                                                                "previous_hash", "hash"],
                                  key: ["sequence"], onConflict: .fail)

    /// The last entry's sequence and hash; nil for an empty log. Read it holding the head.
    static func head(on database: any SQLDatabase) async throws -> (sequence: Int, hash: String)? {
        guard let row = try await database.raw("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1").first() else { return nil }
        return (try row.decode(column: "sequence", as: Int.self), try row.decode(column: "hash", as: String.self))
    }

    /// The result of walking the whole chain.
    public struct Verification: Sendable {
        public let entries: Int
        public let firstBreak: AuditChain.Break?
        /// The last entry's sequence and hash: record them elsewhere (a printout, a regulator's
        /// copy) and a later verification also proves that no entry was cut off the end.
        public let head: (sequence: Int, hash: String)?
    }

    /// Walks every entry in sequence order, in pages, and names the first that was altered,
    /// removed or reordered.
    public static func verify(on database: any SQLDatabase, pageSize: Int = 10_000) async throws -> Verification {
        var chain = AuditChain()
        var after = 0
        var head: (Int, String)?
        while chain.firstBreak == nil {
            let page = try await entries(where: "sequence > \(after)", limit: pageSize, on: database)
            if page.isEmpty { break }
            for entry in page {
                guard chain.check(entry) else { break }
                head = (entry.sequence, entry.hash)
            }
            after = page.last!.sequence
        }
        return Verification(entries: chain.checked, firstBreak: chain.finish(), head: head)
    }

    /// The entries recorded from `from` to `to` (UTC dates, inclusive), in sequence order.
    public static func entries(from: LocalDate, to: LocalDate, on database: any SQLDatabase) async throws -> [AuditEntry] {
        try await entries(where: "at >= '\(from)' AND at < '\(to.adding(days: 1))'", limit: nil, on: database)
    }

    /// `condition` is built here from integers and formatted dates only.
    private static func entries(where condition: String, limit: Int?, on database: any SQLDatabase) async throws -> [AuditEntry] {
        let limitClause = limit.map { " LIMIT \($0)" } ?? ""
        return try await database.raw("""
            SELECT \(unsafeRaw: columns) FROM audit_log WHERE \(unsafeRaw: condition) ORDER BY sequence\(unsafeRaw: limitClause)
            """).all().map(entry)
    }

    /// The columns `entry(_:)` reads.
    static let columns = "sequence, at, actor, action, subject, details, details_hash, hash_version, previous_hash, hash"

    /// An entry from a row of `columns`.
    static func entry(_ row: any SQLRow) throws -> AuditEntry {
        AuditEntry(sequence: try row.decode(column: "sequence", as: Int.self), at: try row.decode(column: "at", as: String.self),
                   actor: try row.decode(column: "actor", as: String.self), action: try row.decode(column: "action", as: String.self),
                   subject: try row.decode(column: "subject", as: String.self), details: try row.decode(column: "details", as: String.self),
                   detailsHash: try row.decode(column: "details_hash", as: String?.self),
                   scheme: AuditEntry.HashScheme(rawValue: try row.decode(column: "hash_version", as: Int.self)) ?? .unknown,
                   previousHash: try row.decode(column: "previous_hash", as: String.self), hash: try row.decode(column: "hash", as: String.self))
    }
}
