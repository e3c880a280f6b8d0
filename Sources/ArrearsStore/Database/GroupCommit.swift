import Logging
import NIOConcurrencyHelpers
import NIOCore
import SQLKit

/// SQLite write transactions of this process, committed together when they come at once.
///
/// SQLite has one writer. Write transactions that arrive while another is running used to wait
/// for it and then each pay for their own commit: the sync to disk, and a changed WAL, which
/// makes every other connection drop its whole page cache at its next read (SQLite does not keep
/// part of it) and read its pages again. On the workbench benchmark those re-reads were the
/// largest part of SQLite's time.
///
/// Here the transactions waiting when the writer becomes free run one after the other in one
/// SQLite transaction, each inside its own savepoint, and are committed once. Each behaves as if
/// it ran alone after the ones before it: it sees their writes, and a transaction that throws is
/// rolled back to its savepoint (its caller gets its error at once), leaving the others'
/// work in place. A caller is answered only after the commit that holds its work has reached the
/// disk, so nothing is reported written that a crash could lose; when the commit fails, every
/// transaction in it gets the error.
final class GroupCommit: @unchecked Sendable {
    /// Most transactions in one commit: a bound on how long the first of them waits.
    static let batchLimit = 64

    private struct Job {
        /// A large write (an import, the daily run) that runs in a transaction of its own, without
        /// a savepoint (see `transaction(alone:_:)`).
        let alone: Bool
        /// Runs the transaction's work on the shared connection, keeping its result.
        let run: @Sendable (any SQLDatabase) async throws -> Void
        /// Answers the caller: nil when its work is committed, else the error.
        let finish: @Sendable ((any Error)?) -> Void
    }

    private let pool: SQLitePool
    private let gate: WriteGate
    private let eventLoopGroup: any EventLoopGroup
    private let logger: Logger
    private let lock = NIOLock()
    private var pending: [Job] = []
    private var leading = false
    /// The connection that writes, kept apart from the pool: its page cache stays good from one
    /// commit to the next, since the changes in the WAL are its own. Nil while a commit uses it.
    private var writer: SQLitePooledConnection?
    private var closed = false

    init(pool: SQLitePool, gate: WriteGate, eventLoopGroup: any EventLoopGroup, logger: Logger) {
        self.pool = pool
        self.gate = gate
        self.eventLoopGroup = eventLoopGroup
        self.logger = logger
    }

    /// Runs `work` in a write transaction, with others that came at the same time; with `alone`,
    /// in a transaction of its own, with no savepoint around it.
    ///
    /// A large write wants that: SQLite keeps the pages a savepoint may have to restore in one
    /// sub-journal, in memory only while it stays under 64 KiB. Inside a savepoint every statement
    /// of an import adds its pages to it, so it went to a temporary file, and writing it was 7% of
    /// a customers import (perf); without one, each statement's part is dropped when it ends and
    /// the sub-journal stays small and in memory.
    func transaction<T: Sendable>(alone: Bool = false, _ work: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let result = NIOLockedValueBox<T?>(nil)
            enqueue(Job(alone: alone, run: { database in
                let value = try await work(database)
                result.withLockedValue { $0 = value }
            }, finish: { error in
                if let error {
                    continuation.resume(throwing: error)
                } else {
                    continuation.resume(returning: result.withLockedValue { $0! })
                }
            }))
        }
    }

    private func enqueue(_ job: Job) {
        let lead = lock.withLock {
            pending.append(job)
            guard !leading else { return false }
            leading = true
            return true
        }
        if lead {
            // The transactions run straight through on one loop while they hold SQLite's lock.
            Task(executorPreference: EventLoopTaskExecutor.current(in: eventLoopGroup)) { await self.commitWhilePending() }
        }
    }

    /// Up to `limit` of the waiting transactions, in order; a transaction that runs alone is
    /// taken only by itself, first. None leaves `leading` false when `finishing`.
    private func take(_ limit: Int, finishing: Bool, startingTransaction: Bool) -> [Job] {
        lock.withLock {
            var jobs: [Job]
            if startingTransaction, let first = pending.first, first.alone {
                jobs = [first]
            } else {
                jobs = Array(pending.prefix(limit).prefix { !$0.alone })
            }
            pending.removeFirst(jobs.count)
            if jobs.isEmpty, finishing { leading = false }
            return jobs
        }
    }

    private func commitWhilePending() async {
        while true {
            let jobs = take(Self.batchLimit, finishing: true, startingTransaction: true)
            if jobs.isEmpty { return }
            await gate.enter()
            await commit(jobs)
            await gate.leave()
        }
    }

    /// Runs `first`, and whatever else comes meanwhile (up to `batchLimit` in all), in one
    /// transaction and commits it.
    private func commit(_ first: [Job]) async {
        let connection: SQLitePooledConnection
        do {
            connection = try lock.withLock { writer.take() } ?? SQLitePooledConnection(path: pool.path)
        } catch {
            for job in first { job.finish(error) }
            return
        }
        defer {
            let keep = lock.withLock {
                guard !closed else { return false }
                writer = connection
                return true
            }
            if !keep { connection.close() }
        }
        let database = SQLitePoolDatabase(pool: pool, gate: gate, pinned: connection, eventLoop: eventLoopGroup.any(), logger: logger)
        do {
            try await database.raw("BEGIN IMMEDIATE").run()
        } catch {
            for job in first { job.finish(error) }
            return
        }
        if first.count == 1, first[0].alone {
            return await commitAlone(first[0], on: database)
        }
        var done: [Job] = []
        var jobs = first
        var taken = first.count
        while !jobs.isEmpty {
            for job in jobs {
                do {
                    try await database.raw("SAVEPOINT arrears_job").run()
                } catch {
                    await abandon(database, failing: done + [job], error)
                    return
                }
                do {
                    try await job.run(database)
                    try await database.raw("RELEASE arrears_job").run()
                    done.append(job)
                } catch {
                    do {
                        try await database.raw("ROLLBACK TO arrears_job").run()
                        try await database.raw("RELEASE arrears_job").run()
                    } catch let rollback {
                        // SQLite gave up the whole transaction (an I/O error, a full disk):
                        // nothing of it can be committed.
                        job.finish(error)
                        await abandon(database, failing: done, rollback)
                        return
                    }
                    job.finish(error)
                }
            }
            jobs = take(Self.batchLimit - taken, finishing: false, startingTransaction: false)
            taken += jobs.count
        }
        do {
            try await database.raw("COMMIT").run()
        } catch {
            await abandon(database, failing: done, error)
            return
        }
        for job in done { job.finish(nil) }
    }

    /// Runs a transaction that runs alone (its `BEGIN IMMEDIATE` done) and commits it, or rolls
    /// it back.
    private func commitAlone(_ job: Job, on database: SQLitePoolDatabase) async {
        do {
            try await job.run(database)
        } catch {
            return await abandon(database, failing: [job], error)
        }
        do {
            try await database.raw("COMMIT").run()
        } catch {
            return await abandon(database, failing: [job], error)
        }
        job.finish(nil)
    }

    /// Closes the writing connection (now, or when the commit using it ends).
    func close() {
        let connection = lock.withLock {
            closed = true
            return writer.take()
        }
        connection?.close()
    }

    private func abandon(_ database: SQLitePoolDatabase, failing jobs: [Job], _ error: any Error) async {
        // The connection's transaction, if SQLite still has one, is rolled back before it goes
        // back to the pool.
        try? await database.raw("ROLLBACK").run()
        for job in jobs { job.finish(error) }
    }
}
