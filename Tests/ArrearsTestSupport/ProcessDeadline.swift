import Foundation

/// Bounded waits for the processes the command-line and server tests start: a command or a
/// server that hangs fails its own test, naming it, instead of holding the whole suite until
/// CI's time runs out.
extension Process {
    /// Waits up to `seconds` for the process to end; whether it ended.
    @discardableResult
    public func waitUntilExit(within seconds: Double) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while isRunning, Date() < end { Thread.sleep(forTimeInterval: 0.05) }
        if isRunning { return false }
        waitUntilExit()
        return true
    }

    /// Stops the process as an operator would: SIGTERM, up to `seconds` to finish, then SIGKILL.
    /// Whether it stopped on SIGTERM (false when it had to be killed).
    @discardableResult
    public func stop(within seconds: Double = 30) -> Bool {
        guard isRunning else { return true }
        terminate()
        if waitUntilExit(within: seconds) { return true }
        killNow()
        return false
    }

    /// Kills the process (SIGKILL) and reaps it.
    public func killNow() {
        if isRunning { kill(processIdentifier, SIGKILL) }
        waitUntilExit()
    }
}
