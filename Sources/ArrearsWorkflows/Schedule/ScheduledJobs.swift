import ArrearsCore
import ArrearsStore
import Foundation
import Logging

/// What `arrears serve --schedule` does beside serving (docs/scale-out.md): it runs the daily run
/// at the configured local time of each business day (`ScheduleConfig`), delivers the outbox
/// continuously, and raises the alarm when a day is not complete by the deadline.
///
/// Each of the two jobs has one leader among every server on the database (`LeaderLock`): the
/// others try to take its lock every `leaderRetrySeconds`, so a leader that dies (its connection
/// closes and PostgreSQL releases the lock) is replaced within that. A day the dead leader had
/// begun is simply run again by the next: its transaction rolled back, and a run of a date that
/// is complete changes nothing, so the day completes once.
public struct ScheduledJobs: Sendable {
    public let store: Store
    public let config: ScheduleConfig
    public let buckets: BucketScheme
    /// Runs the daily run of a business date, as `arrears run-day --date` does.
    public let runDay: @Sendable (LocalDate) async throws -> Void
    /// Delivers the messages that are due, once; nil when the outbox is not delivered here.
    public let deliverOutbox: (@Sendable () async throws -> Void)?
    public var now: @Sendable () -> Date = { Date() }
    /// Where the jobs say what they do (leadership taken and lost, a run started); errors go
    /// to the store's logger at `error`.
    public var say: @Sendable (String) -> Void = { _ in }

    public init(store: Store, config: ScheduleConfig, buckets: BucketScheme, runDay: @escaping @Sendable (LocalDate) async throws -> Void,
                deliverOutbox: (@Sendable () async throws -> Void)?) {
        self.store = store
        self.config = config
        self.buckets = buckets
        self.runDay = runDay
        self.deliverOutbox = deliverOutbox
    }

    private var logger: Logger { store.logger }

    /// Runs both jobs, each while this process leads it, until the task is cancelled.
    public func run() async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await lead(LeaderLock(.scheduleLeader, store: store), job: "the daily run") { alerted in
                await dailyRun(alerted: &alerted)
            } }
            if let deliverOutbox {
                group.addTask { await lead(LeaderLock(.outboxLeader, store: store), job: "the outbox delivery") { _ in
                    do { try await deliverOutbox() } catch {
                        logger.error("the outbox delivery failed: \(String(describing: error)); it is tried again in \(config.checkSeconds) s")
                    }
                } }
            }
        }
    }

    /// Does `work` every `checkSeconds` while this process holds `lock`; tries to take it every
    /// `leaderRetrySeconds` while another does.
    private func lead(_ lock: LeaderLock, job: String, _ work: @Sendable (inout LocalDate?) async -> Void) async {
        var leading = false
        var alerted: LocalDate?
        while !Task.isCancelled {
            let leads = await lock.lead()
            if leads != leading {
                say(leads ? "this server now leads \(job)" : "this server no longer leads \(job)")
                leading = leads
            }
            if leads { await work(&alerted) }
            try? await Task.sleep(nanoseconds: UInt64((leads ? config.checkSeconds : config.leaderRetrySeconds) * 1_000_000_000))
        }
        await lock.release()
    }

    /// Runs the due business date unless it is complete, then checks the deadline; an overdue
    /// date is logged as an error once (`alerted`).
    private func dailyRun(alerted: inout LocalDate?) async {
        let history = RunHistory(store: store, buckets: buckets)
        do {
            let moment = now()
            if let due = config.schedule.dueDate(at: moment) {
                let last = try await history.lastCompletedDate()
                if last.map({ $0 < due }) ?? true {
                    say("the scheduled daily run of \(due) starts")
                    do { try await runDay(due) } catch {
                        logger.error("the scheduled daily run of \(due) failed: \(String(describing: error)); it is tried again in \(config.checkSeconds) s")
                    }
                }
            }
            let status = try await Self.deadline(config.schedule, store: store, buckets: buckets, at: now())
            if let overdue = status.overdue, alerted != overdue {
                alerted = overdue
                logger.error("""
                    the daily run of \(overdue) is not complete by its deadline \(DailySchedule.clock(config.schedule.deadline)) \
                    (\(config.schedule.timeZone.identifier)); the last completed business date is \(status.lastCompleted?.description ?? "none")
                    """)
            }
        } catch {
            logger.error("the schedule could not read the daily runs: \(String(describing: error))")
        }
    }

    /// The last completed business date and the date that is overdue at `moment` (nil when none is).
    public static func deadline(_ schedule: DailySchedule, store: Store, buckets: BucketScheme, at moment: Date)
    async throws -> (lastCompleted: LocalDate?, overdue: LocalDate?) {
        let last = try await RunHistory(store: store, buckets: buckets).lastCompletedDate()
        return (last, schedule.overdueDate(at: moment, lastCompleted: last))
    }
}
