import ArrearsStore

/// Times the daily run's steps for its summary (`DailyRunSummary.stepSeconds`), which `/metrics`
/// reports: each `start` ends the step before it, `finish` ends the last.
struct DailyRunStepClock {
    private var current: (step: String, started: ContinuousClock.Instant)?
    private var seconds: [String: Double] = [:]

    mutating func start(_ step: String) {
        end()
        current = (step, .now)
    }

    /// Ends the last step; every step's seconds.
    mutating func finish() -> [String: Double] {
        end()
        return seconds
    }

    private mutating func end() {
        guard let current else { return }
        let elapsed = ContinuousClock.now - current.started
        seconds[current.step, default: 0] += Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        self.current = nil
    }
}
