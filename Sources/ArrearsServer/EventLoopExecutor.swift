import NIOCore
import NIOPosix

/// Runs Swift's tasks on the server's event loops instead of on a separate pool of threads, as
/// Vapor's own template does: every `await` in a handler otherwise hops from the event loop to the
/// pool and every response back again, two thread wake-ups a request (`perf` on the workbench
/// benchmark put the scheduler's share at about a fifth of the server's time). Call it first
/// thing in the process, before any other task has run; false when it could not be installed
/// (then everything works as before, on the pool).
public func runTasksOnEventLoops() -> Bool {
    NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
}
