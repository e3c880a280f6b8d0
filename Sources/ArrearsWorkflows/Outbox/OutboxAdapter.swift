import ArrearsStore

/// A way out to the bank's SMS and e-mail platforms (`file`, `webhook`).
///
/// An adapter hands each message over with its `id` as the idempotency key and answers `.sent`
/// only once the receiver durably has it. It may hand a message over more than once (a crash
/// after handing over and before recording it); the receiver drops a repeated id.
public protocol OutboxAdapter: Sendable {
    /// Attempts each message once and returns one outcome per message, in the same order.
    /// Failures are outcomes, never thrown: one message's failure must not hide the others' fate.
    func deliver(_ messages: [OutboxMessage]) async -> [OutboxOutcome]

    /// Releases what the adapter holds (connections); called once, after the last `deliver`.
    func shutdown() async
}
