import ArrearsCore
import Foundation
import SQLKit

/// The `idempotency_keys` table: a client that sends the same request again with the same
/// `Idempotency-Key` (a retry after a timeout, a double tap) gets the first answer back instead
/// of a second change.
///
/// A key belongs to one user. The first request with it claims it (`in_flight`); when that
/// request succeeds its answer is kept with it (`done`) until the key expires, `lifetime` after
/// the claim; when it fails the key is released, so that a retry runs again (a failed request
/// stored nothing: every workflow is one transaction). Claims are single statements, so two
/// servers on one database agree on who holds a key. A key left `in_flight` for
/// `abandonedAfter` (its process stopped before answering) may be claimed again.
///
/// Stored answers are sealed with the store's data key, like other personal data: a visit's
/// answer carries the customer's address.
public enum IdempotencyKeys {
    /// How long a key and its answer are kept.
    public static let lifetime: TimeInterval = 24 * 3_600
    /// How long a claim may stay unanswered before it is taken for abandoned.
    public static let abandonedAfter: TimeInterval = 10 * 60

    /// An answer as kept with its key.
    public struct StoredResponse: Sendable, Equatable {
        public let status: Int
        public let contentType: String?
        public let body: String

        public init(status: Int, contentType: String?, body: String) {
            self.status = status
            self.contentType = contentType
            self.body = body
        }
    }

    /// What a request with a key may do.
    public enum Claim: Sendable, Equatable {
        /// The key is this request's: run it, then `complete` or `release` the key.
        case claimed
        /// The same request was answered before: answer it so again.
        case replay(StoredResponse)
        /// The same request is still being answered.
        case inFlight
        /// The key was used for a different request.
        case reused
    }

    /// Claims `key` of `userId` for the request whose hash is `requestHash`. Also forgets every
    /// expired key.
    public static func claim(userId: String, key: String, requestHash: String, now: Date = Date(), store: Store) async throws -> Claim {
        let created = UTCTimestamp.text(now), expires = UTCTimestamp.text(now.addingTimeInterval(lifetime))
        let abandoned = UTCTimestamp.text(now.addingTimeInterval(-abandonedAfter))
        // Released between the two statements by the request that held it: try once more.
        for _ in 0..<2 {
            let claim: Claim? = try await store.transaction { database in
                try await database.raw("DELETE FROM idempotency_keys WHERE expires_at <= \(bind: created)").run()
                let inserted = try await database.raw("""
                    INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, state, created_at, expires_at)
                    VALUES (\(bind: userId), \(bind: key), \(bind: requestHash), 'in_flight', \(bind: created), \(bind: expires))
                    ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING state
                    """).all()
                if !inserted.isEmpty { return .claimed }
                let retaken = try await database.raw("""
                    UPDATE idempotency_keys SET request_hash = \(bind: requestHash), state = 'in_flight', response_status = NULL,
                        response_type = NULL, response_body = NULL, created_at = \(bind: created), expires_at = \(bind: expires)
                    WHERE user_id = \(bind: userId) AND idempotency_key = \(bind: key) AND state = 'in_flight' AND created_at <= \(bind: abandoned)
                    RETURNING state
                    """).all()
                if !retaken.isEmpty { return .claimed }
                guard let row = try await database.raw("""
                    SELECT request_hash, state, response_status, response_type, response_body FROM idempotency_keys
                    WHERE user_id = \(bind: userId) AND idempotency_key = \(bind: key)
                    """).first() else { return nil }
                guard try row.decode(column: "request_hash", as: String.self) == requestHash else { return .reused }
                guard try row.decode(column: "state", as: String.self) == "done",
                      let status = try row.decode(column: "response_status", as: Int?.self),
                      let body = try store.openField(try row.decode(column: "response_body", as: String?.self)) else { return .inFlight }
                return .replay(StoredResponse(status: status, contentType: try row.decode(column: "response_type", as: String?.self), body: body))
            }
            if let claim { return claim }
        }
        return .inFlight
    }

    /// Keeps `response` as the answer to the request that claimed `key`.
    public static func complete(userId: String, key: String, response: StoredResponse, store: Store) async throws {
        try await store.transaction { database in
            try await database.raw("""
                UPDATE idempotency_keys SET state = 'done', response_status = \(bind: response.status), response_type = \(bind: response.contentType),
                    response_body = \(bind: store.sealField(response.body))
                WHERE user_id = \(bind: userId) AND idempotency_key = \(bind: key) AND state = 'in_flight'
                """).run()
        }
    }

    /// Forgets the claim on `key`: its request failed, and a retry may run it again.
    public static func release(userId: String, key: String, store: Store) async throws {
        try await store.transaction { database in
            try await database.raw("""
                DELETE FROM idempotency_keys WHERE user_id = \(bind: userId) AND idempotency_key = \(bind: key) AND state = 'in_flight'
                """).run()
        }
    }
}
