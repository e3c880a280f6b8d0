/// Where a message stands. A message is never deleted: it ends `sent`, `delivered` or `failed`.
///
/// - `pending`: waiting for its first or next attempt (`next_attempt_at`, NULL for at once).
/// - `sending`: claimed by one `deliver` process until `next_attempt_at`; if that process dies,
///   the claim expires and the message is attempted again.
/// - `sent`: the adapter accepted it (file written and synced, or webhook answered 2xx/409).
/// - `delivered`: the receiver reported it reached the customer (status callback).
/// - `failed`: given up, after `max_attempts` or a permanent refusal, or reported failed by the
///   receiver; `arrears outbox retry` makes it pending again.
public enum OutboxStatus: String, Sendable, CaseIterable, Codable {
    case pending, sending, sent, delivered, failed
}
