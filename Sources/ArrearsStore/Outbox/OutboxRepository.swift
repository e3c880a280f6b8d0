import ArrearsCore
import Foundation
import SQLKit

/// The `outbox_messages` table: every statement that reads or changes it, on SQLite and PostgreSQL.
///
/// Each change is one statement that checks the row's state as it writes, so that any number of
/// `deliver` processes and status callbacks can work on the table at once without a lock held
/// across a network call.
public enum OutboxRepository {
    static let messageColumns = "id, action_id, customer_id, channel, recipient, language, subject, body, business_date"
    /// The row `enqueue` writes; a message whose id exists is left alone.
    static let table = BulkInsert(
        table: "outbox_messages",
        columns: ["id", "action_id", "customer_id", "channel", "recipient", "language", "subject", "body", "business_date", "status", "attempts", "next_attempt_at"],
        key: ["id"], onConflict: .ignore)

    /// Inserts pending messages inside the caller's transaction; a message whose id exists is
    /// left alone (idempotent).
    ///
    /// The recipient, a phone number or an e-mail address, is personal data and is stored as
    /// `store.sealField` makes it: sealed when the store has a data key, so that a copied
    /// database shows no number (issue 4). Sealing is deterministic: the same message enqueued
    /// again stores the same text.
    public static func enqueue(_ messages: [OutboxMessage], on database: any SQLDatabase, sealingPersonalDataWith store: Store) async throws {
        // `BulkWriter`: on SQLite one row a statement, which needs no statement journal inside
        // the daily run's transaction (a multi-row INSERT copied each page it changed first).
        try await BulkWriter(database: database).insert(table, messages) { m, row in
            try row.text(m.id)
            try row.text(m.actionId)
            try row.text(m.customerId)
            try row.text(m.channel)
            try row.optional(store.sealField(m.recipient))
            try row.text(m.language)
            try row.optional(m.subject)
            try row.text(m.body)
            try row.text(m.businessDate)
            try row.text(OutboxStatus.pending.rawValue)
            try row.integer(0)
            try row.optional(m.notBefore.map(OutboxTimestamp.text))
        }
    }

    /// Claims up to `limit` messages due at `now` for `timeout` seconds: pending messages whose
    /// backoff has passed, and messages whose earlier claim expired (its process died or hung).
    /// Each claim counts as an attempt. A message whose expired claim was its last allowed
    /// attempt is marked failed instead, since nobody knows whether that attempt reached the
    /// receiver.
    ///
    /// One statement claims the batch, so two processes never hold the same message; on
    /// PostgreSQL `FOR UPDATE SKIP LOCKED` lets them claim side by side without waiting.
    ///
    /// The claimed messages carry their real recipients, opened with `store.openField`. When one
    /// cannot be opened (no data key, or another key) the batch is released unattempted, its
    /// attempts not counted, and the `PersonalDataError` is thrown.
    public static func claim(
        limit: Int, now: Date, timeout: Int, maxAttempts: Int, on database: any SQLDatabase, openingPersonalDataWith store: Store
    ) async throws -> [OutboxClaim] {
        let nowText = OutboxTimestamp.text(now)
        let expiry = OutboxTimestamp.stored(now.addingTimeInterval(TimeInterval(timeout)))
        let expiryText = OutboxTimestamp.text(expiry)
        try await database.raw("""
            UPDATE outbox_messages SET status = 'failed', next_attempt_at = NULL,
                last_error = \(bind: "gave up after \(maxAttempts) attempts: the last claim expired before its outcome was recorded")
            WHERE status = 'sending' AND next_attempt_at <= \(bind: nowText) AND attempts >= \(bind: maxAttempts)
            """).run()
        let skipLocked = database.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let rows = try await database.raw("""
            UPDATE outbox_messages SET status = 'sending', attempts = attempts + 1, next_attempt_at = \(bind: expiryText)
            WHERE id IN (
                SELECT id FROM outbox_messages
                WHERE (status = 'pending' AND (next_attempt_at IS NULL OR next_attempt_at <= \(bind: nowText)))
                   OR (status = 'sending' AND next_attempt_at <= \(bind: nowText) AND attempts < \(bind: maxAttempts))
                LIMIT \(bind: limit)\(unsafeRaw: skipLocked)
            )
            RETURNING \(unsafeRaw: messageColumns), attempts
            """).all()
        do {
            return try rows.map { row in
                OutboxClaim(message: try OutboxMessage(row, openingPersonalDataWith: store),
                            attempt: try row.decode(column: "attempts", as: Int.self), expiresAt: expiry)
            }
        } catch let error as PersonalDataError {
            let ids = try rows.map { SQLBind(try $0.decode(column: "id", as: String.self)) }
            try await database.raw("""
                UPDATE outbox_messages SET status = 'pending', attempts = attempts - 1, next_attempt_at = NULL
                WHERE id IN (\(SQLList(ids))) AND status = 'sending' AND next_attempt_at = \(bind: expiryText)
                """).run()
            throw error
        }
    }

    /// Records what each claimed attempt came to, in one transaction when `database` is one.
    /// A claim that expired meanwhile, or whose message a receiver reported on meanwhile, is not
    /// recorded. Returns how many were recorded.
    @discardableResult
    public static func record(_ results: [(claim: OutboxClaim, resolution: OutboxResolution)], on database: any SQLDatabase) async throws -> Int {
        var recorded = 0
        for (claim, resolution) in results {
            var update: SQLQueryString = "UPDATE outbox_messages SET "
            switch resolution {
            case .sent(let at):
                update.appendLiteral("status = 'sent', next_attempt_at = NULL, sent_at = ")
                update.appendInterpolation(bind: OutboxTimestamp.text(at))
            case .retry(let error, let at):
                update.appendLiteral("status = 'pending', next_attempt_at = ")
                update.appendInterpolation(bind: OutboxTimestamp.text(at))
                update.appendLiteral(", last_error = ")
                update.appendInterpolation(bind: error)
            case .failed(let error):
                update.appendLiteral("status = 'failed', next_attempt_at = NULL, last_error = ")
                update.appendInterpolation(bind: error)
            }
            fence(&update, to: claim)
            recorded += try await database.raw(update).all().count
        }
        return recorded
    }

    /// Ends `update` with the claim's fence: it changes the message only while this claim still
    /// holds it (sending, this attempt, this expiry), so that a claim taken over by another
    /// process after it expired writes nothing; the statement answers the ids it changed.
    private static func fence(_ update: inout SQLQueryString, to claim: OutboxClaim) {
        update.appendLiteral(" WHERE id = ")
        update.appendInterpolation(bind: claim.message.id)
        update.appendLiteral(" AND status = 'sending' AND attempts = ")
        update.appendInterpolation(bind: claim.attempt)
        update.appendLiteral(" AND next_attempt_at = ")
        update.appendInterpolation(bind: OutboxTimestamp.text(claim.expiresAt))
        update.appendLiteral(" RETURNING id")
    }

    /// Puts back claimed messages the policy pack stops at the moment of sending, without
    /// counting an attempt: pending again from the next moment the pack allows, or `failed` with
    /// the rule when no moment is foreseeable (a dispute, a cease request). Fenced like `record`.
    @discardableResult
    public static func hold(_ stopped: [(claim: OutboxClaim, decision: PolicyDecision)], on database: any SQLDatabase) async throws -> (held: Int, blocked: Int) {
        var counts = (held: 0, blocked: 0)
        for (claim, decision) in stopped {
            let reason = "\(decision.rule ?? PolicyPack.unevaluable): \(decision.reason ?? "")"
            var update: SQLQueryString
            if let next = decision.nextAllowedAt {
                update = "UPDATE outbox_messages SET status = 'pending', attempts = attempts - 1, next_attempt_at = \(bind: OutboxTimestamp.text(next)), last_error = \(bind: "held by " + reason)"
            } else {
                update = "UPDATE outbox_messages SET status = 'failed', next_attempt_at = NULL, last_error = \(bind: "blocked by " + reason)"
            }
            fence(&update, to: claim)
            let changed = try await database.raw(update).all().count
            if decision.nextAllowedAt != nil { counts.held += changed } else { counts.blocked += changed }
        }
        return counts
    }

    /// Records a receiver's report (the delivery-status callback). `delivered` is final and wins
    /// over any state, including a claim in flight; `failed` applies unless the message was
    /// already delivered.
    public static func recordReceiverReport(
        _ report: OutboxReceiverReport, id: String, at: Date, on database: any SQLDatabase
    ) async throws -> OutboxReceiverReportResult {
        let time = OutboxTimestamp.text(at)
        switch report {
        case .delivered:
            let updated = try await database.raw("""
                UPDATE outbox_messages SET status = 'delivered', next_attempt_at = NULL,
                    delivered_at = COALESCE(delivered_at, \(bind: time)), sent_at = COALESCE(sent_at, \(bind: time))
                WHERE id = \(bind: id) RETURNING id
                """).all()
            return updated.isEmpty ? .unknownMessage : .recorded(.delivered)
        case .failed(let detail):
            let updated = try await database.raw("""
                UPDATE outbox_messages SET status = 'failed', next_attempt_at = NULL,
                    last_error = \(bind: "reported failed by the receiver" + (detail.map { ": \($0)" } ?? ""))
                WHERE id = \(bind: id) AND status <> 'delivered' RETURNING id
                """).all()
            if !updated.isEmpty { return .recorded(.failed) }
            let known = try await database.raw("SELECT id FROM outbox_messages WHERE id = \(bind: id)").first() != nil
            return known ? .alreadyDelivered : .unknownMessage
        }
    }

    /// Makes every failed message pending again with a fresh budget of attempts; returns how many.
    @discardableResult
    public static func retryFailed(on database: any SQLDatabase) async throws -> Int {
        try await database.raw("""
            UPDATE outbox_messages SET status = 'pending', attempts = 0, next_attempt_at = NULL
            WHERE status = 'failed' RETURNING id
            """).all().count
    }

    /// How many messages are in each status (every status is present, zero or not).
    public static func counts(on database: any SQLDatabase) async throws -> [OutboxStatus: Int] {
        var counts = Dictionary(uniqueKeysWithValues: OutboxStatus.allCases.map { ($0, 0) })
        for row in try await database.raw("SELECT status, COUNT(*) AS n FROM outbox_messages GROUP BY status").all() {
            counts[try row.decode(column: "status", as: OutboxStatus.self)] = try row.decode(column: "n", as: Int.self)
        }
        return counts
    }

    /// The message with `id` and its delivery state, or nil. The recipient is opened with
    /// `store.openField`: the real number, never the stored ciphertext.
    public static func find(id: String, on database: any SQLDatabase, openingPersonalDataWith store: Store) async throws -> OutboxRecord? {
        guard let row = try await database.raw("""
            SELECT \(unsafeRaw: messageColumns), status, attempts, next_attempt_at, last_error, sent_at, delivered_at
            FROM outbox_messages WHERE id = \(bind: id)
            """).first() else { return nil }
        let time = { (column: String) in try row.decode(column: column, as: String?.self).flatMap(OutboxTimestamp.date) }
        return OutboxRecord(
            message: try OutboxMessage(row, openingPersonalDataWith: store),
            status: try row.decode(column: "status", as: OutboxStatus.self),
            attempts: try row.decode(column: "attempts", as: Int.self),
            nextAttemptAt: try time("next_attempt_at"),
            lastError: try row.decode(column: "last_error", as: String?.self),
            sentAt: try time("sent_at"),
            deliveredAt: try time("delivered_at")
        )
    }
}

extension OutboxMessage {
    /// The message in `row`, its stored recipient opened with `store.openField`.
    init(_ row: any SQLRow, openingPersonalDataWith store: Store) throws {
        let stored = try row.decode(column: "recipient", as: String.self)
        self.init(
            id: try row.decode(column: "id", as: String.self),
            actionId: try row.decode(column: "action_id", as: String.self),
            customerId: try row.decode(column: "customer_id", as: String.self),
            channel: try row.decode(column: "channel", as: String.self),
            recipient: try store.openField(stored) ?? stored,
            language: try row.decode(column: "language", as: String.self),
            subject: try row.decode(column: "subject", as: String?.self),
            body: try row.decode(column: "body", as: String.self),
            businessDate: try row.decode(column: "business_date", as: String.self)
        )
    }
}
