import ArrearsCore
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Collectors' queues kept in memory between loads, on SQLite (issue 5: the queue is the page a
/// collector loads most, and rebuilding it on every load, its tasks joined to their cases and
/// customers and each customer's contact records read and judged, was most of the workbench's
/// cost). Nothing shown is older than the database: every load reads, in its own snapshot, the
/// two change records that triggers keep (`AddWorkQueueChangeTracking`):
/// - an agent's task list is reused while `change_counters.work_queue` has not moved since it
///   was read (it moves with any change to actions, cases or a customer's name, by any process);
/// - a customer's verdict on a channel is reused within the minute it was judged in (the policy's
///   clock rules, quiet hours, local days and agreed times, change on whole minutes), until
///   `contact_changes` names the customer (an attempt, a flag, a contact point, an appointment,
///   a new time zone).
/// One cache serves one policy pack: the server makes one with its pack.
public final class WorkQueueCache: Sendable {
    public let policy: PolicySettings

    private struct TaskList {
        let version: Int64
        let limit: Int
        let tasks: [QueueTask]
    }

    private struct Verdict {
        /// The minute (since 1970, UTC) the verdict was judged in.
        let minute: Int64
        let verdict: ContactVerdict
    }

    private struct State {
        var lists: [String: TaskList] = [:]
        /// By customer, then channel.
        var verdicts: [String: [String: Verdict]] = [:]
        /// The last `contact_changes.seq` whose customer's verdicts were dropped.
        var changesThrough: Int64 = -1
    }

    private let state = NIOLockedValueBox(State())
    /// Verdicts kept at most; past it the cache starts again (customers leave queues every day).
    static let verdictLimit = 200_000

    public init(policy: PolicySettings) {
        self.policy = policy
    }

    /// The first `limit` of `agentId`'s open tasks with their verdicts at `now`, as
    /// `WorkQueue.page` gives them, reusing what is still true. Run inside one read transaction
    /// (`Store.reading`), so that the change records and the rows come from one snapshot.
    public func firstPage(agentId: String, limit: Int, now: Date = Date(), on database: any SQLDatabase) async throws -> [QueueTask] {
        guard let marks = try await database.raw("""
            SELECT (SELECT value FROM change_counters WHERE name = 'work_queue') AS queue_version,
                (SELECT COALESCE(MAX(seq), 0) FROM contact_changes) AS contact_seq
            """).first() else { return [] }
        let queueVersion = try marks.decode(column: "queue_version", as: Int64.self)
        let contactSeq = try marks.decode(column: "contact_seq", as: Int64.self)
        try await dropChangedVerdicts(through: contactSeq, on: database)

        let cached = state.withLockedValue { state -> [QueueTask]? in
            guard let list = state.lists[agentId], list.version == queueVersion, list.limit == limit else { return nil }
            return list.tasks
        }
        let tasks: [QueueTask]
        if let cached {
            tasks = cached
        } else {
            tasks = try await WorkQueue.page(agentId: agentId, after: nil, limit: limit, now: now, policy: nil, on: database)
            state.withLockedValue { state in
                if let stored = state.lists[agentId], stored.version > queueVersion { return }
                state.lists[agentId] = TaskList(version: queueVersion, limit: limit, tasks: tasks)
            }
        }
        return try await withVerdicts(tasks, now: now, judgedAt: contactSeq, on: database)
    }

    /// Drops the verdicts of the customers whose contact records changed up to `seq`.
    private func dropChangedVerdicts(through seq: Int64, on database: any SQLDatabase) async throws {
        let from = state.withLockedValue { $0.changesThrough }
        guard seq > from else { return }
        var customers: [String] = []
        // On the first load nothing is cached yet, so there is nothing to drop.
        if from >= 0 {
            for row in try await database.raw("SELECT customer_id FROM contact_changes WHERE seq > \(bind: from) AND seq <= \(bind: seq)").all() {
                customers.append(try row.decode(column: "customer_id", as: String.self))
            }
        }
        state.withLockedValue { state in
            // Another load with a newer snapshot may have come first and dropped these already.
            guard seq > state.changesThrough else { return }
            if from < 0, state.changesThrough >= 0 {
                // The changes since another load's first snapshot were not read: start again.
                state.verdicts = [:]
            } else {
                for customer in customers { state.verdicts[customer] = nil }
            }
            state.changesThrough = seq
        }
    }

    /// `tasks` with the verdict on contacting each customer on the task's channel at `now`.
    private func withVerdicts(_ tasks: [QueueTask], now: Date, judgedAt seq: Int64, on database: any SQLDatabase) async throws -> [QueueTask] {
        let minute = Int64((now.timeIntervalSince1970 / 60).rounded(.down))
        var verdicts = [ContactVerdict?](repeating: nil, count: tasks.count)
        var missing: [(index: Int, customerId: String, request: ContactRequest)] = []
        state.withLockedValue { state in
            for (index, task) in tasks.enumerated() {
                guard let channel = ContactChannel(rawValue: task.channel) else { continue }
                if let cached = state.verdicts[task.customerId]?[task.channel], cached.minute == minute {
                    verdicts[index] = cached.verdict
                } else {
                    missing.append((index, task.customerId, ContactRequest(channel: channel, at: now)))
                }
            }
        }
        if !missing.isEmpty {
            let standings = try await ContactRecords.standings(of: missing.map(\.customerId), at: now, lookbackDays: policy.pack.lookbackDays, on: database)
            let decisions = policy.pack.check(missing.map { ($0.customerId, $0.request) }, standings: standings)
            let judged = zip(missing, decisions).map { ($0.index, $0.customerId, ContactVerdict($1)) }
            for (index, _, verdict) in judged { verdicts[index] = verdict }
            state.withLockedValue { state in
                // Kept only when no change newer than this snapshot has been seen: a verdict
                // judged on older records must not outlive the change that made it stale.
                guard seq == state.changesThrough else { return }
                if state.verdicts.count > Self.verdictLimit { state.verdicts = [:] }
                for (index, customerId, verdict) in judged {
                    state.verdicts[customerId, default: [:]][tasks[index].channel] = Verdict(minute: minute, verdict: verdict)
                }
            }
        }
        return zip(tasks, verdicts).map { task, verdict in task.with(contactNow: verdict) }
    }
}
