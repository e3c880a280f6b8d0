import NIOConcurrencyHelpers
import NIOCore

/// Runs a task's work on one event loop, without hopping between its `await`s.
///
/// The server installs NIO's event loops as Swift's global executor (`runTasksOnEventLoops`).
/// NIO runs those jobs as the loop's *serial* executor, so every call into a nonisolated async
/// function counts as a change of executor: the task is suspended, put back on a loop's queue
/// and resumed later, with other requests' work in between. A SQLite read transaction held
/// across those hops kept a connection for each request in flight (18 of them under the
/// workbench benchmark), and each of those connections found its page cache emptied by the
/// commits made since its last turn. Preferring this executor (`withTaskExecutorPreference`)
/// lets such a stretch of work run straight through on the loop it started on.
final class EventLoopTaskExecutor: TaskExecutor {
    let eventLoop: any EventLoop

    init(_ eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// The executor of the loop the caller runs on (or any of `group`'s), made once per loop.
    static func current(in group: any EventLoopGroup) -> EventLoopTaskExecutor {
        let loop = group.any()
        return cache.withLockedValue { executors in
            let key = ObjectIdentifier(loop)
            if let executor = executors[key] { return executor }
            let executor = EventLoopTaskExecutor(loop)
            executors[key] = executor
            return executor
        }
    }

    private static let cache = NIOLockedValueBox<[ObjectIdentifier: EventLoopTaskExecutor]>([:])
}
