import ArrearsStore

/// One business day of the living demo: what the daily run did and how customers responded.
public struct LivingDemoDay: Sendable, Equatable, CustomStringConvertible {
    public let number: Int
    public let of: Int
    public let run: DailyRunSummary
    public let simulated: SimulatedDay

    public init(number: Int, of: Int, run: DailyRunSummary, simulated: SimulatedDay) {
        self.number = number
        self.of = of
        self.run = run
        self.simulated = simulated
    }

    /// `2026-07-01  day 1/90: open cases 812, actions 640; payments 95 (collections 40, on time 55); promises made 12, kept 3, partly kept 1, broken 2`.
    public var description: String {
        let settled = run.promisesSettled
        return "\(run.businessDate)  day \(number)/\(of): open cases \(run.casesOpen) (+\(run.casesOpened) −\(run.casesClosed)), "
            + "actions \(run.actions); payments \(simulated.payments) (collections \(simulated.collectionPayments), "
            + "on time \(simulated.onTimePayments)); promises made \(simulated.promisesMade), kept \(settled["kept", default: 0]), "
            + "partly kept \(settled["partly_kept", default: 0]), broken \(settled["broken", default: 0])"
    }
}
