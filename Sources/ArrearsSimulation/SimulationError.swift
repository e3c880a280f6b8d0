import ArrearsCore

/// Why the simulator cannot respond to a business date.
public enum SimulationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Customers respond to what the daily run of the date decided, so it must have completed.
    case dayNotRun(LocalDate)

    public var description: String {
        switch self {
        case .dayNotRun(let date): "the daily run of \(date) has not completed; run it first (arrears run-day --date \(date))"
        }
    }
}
