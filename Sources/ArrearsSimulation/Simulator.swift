import ArrearsCore
import ArrearsStore
import SQLKit

/// Has the customers of a portfolio respond to a completed daily run, as the behaviour model
/// says they would: the start of what-if simulation (docs/simulation.md).
///
/// `respond(to: D)` reads what the run of D left (open cases and D's actions, account
/// positions, dues and promises), draws every customer's response (`ResponsePlan`) and writes
/// the payments, promises, contact attempts and satisfaction ratings in one transaction. Draws are keyed by the seed, the day and the
/// customer and rows have ids derived from the same keys (`SIM-PAY-…`, `SIM-PTP-…`,
/// `SIM-DUE-…`), inserted with ON CONFLICT DO NOTHING: responding to the same day again, before
/// the next day's run, adds nothing. Cost: four reads and two multi-row inserts a day, with
/// memory in proportion to the open cases and the accounts falling due.
public struct Simulator: Sendable {
    public let store: Store
    public let model: BehaviourModel
    public let seed: UInt64

    public init(store: Store, model: BehaviourModel, seed: UInt64) {
        self.store = store
        self.model = model
        self.seed = seed
    }

    /// Responds to the daily run of `date`, which must have completed.
    @discardableResult
    public func respond(to date: LocalDate) async throws -> SimulatedDay {
        let model = model, seed = seed
        return try await store.transaction { database in
            guard try await database.raw("SELECT business_date FROM run_days WHERE business_date = \(bind: date.description)").first() != nil else {
                throw SimulationError.dayNotRun(date)
            }
            let next = BusinessCalendar.next(after: date)
            let inputs = try await SimulationInputs.load(day: date, nextBusinessDay: next, from: database)
            let plan = ResponsePlan(inputs: inputs, model: model, seed: seed, date: date, nextBusinessDay: next)
            let writer = BulkWriter(database: database)
            try await writer.insert(ResponsePlan.promiseTable, plan.promises)
            try await writer.insert(ResponsePlan.paymentTable, plan.payments)
            try await writer.insert(ResponsePlan.attemptTable, plan.attempts)
            try await writer.insert(ResponsePlan.ratingTable, plan.ratings)
            return plan.summary
        }
    }
}
