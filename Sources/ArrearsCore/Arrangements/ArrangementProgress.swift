/// How an active arrangement stands on a date, judged from its instalments and what the customer
/// paid on the account since it became active (paid oldest instalment first).
public enum ArrangementProgress: Equatable, Sendable {
    /// Every instalment due so far is paid, or is late by no more than the grace days.
    case onTrack
    /// Everything the arrangement asked for is paid.
    case completed
    /// `missed` is unpaid more than the grace days after its date.
    case broken(missed: Instalment)

    /// The progress on `date` of `instalments` given `paid` since activation, allowing `graceDays`.
    public static func judge(_ instalments: [Instalment], paid: Int64, on date: LocalDate, graceDays: Int) -> ArrangementProgress {
        var cumulative: Int64 = 0
        for instalment in instalments.sorted(by: { $0.dueOn < $1.dueOn }) {
            cumulative += instalment.amount
            if paid < cumulative, instalment.dueOn.adding(days: graceDays) < date { return .broken(missed: instalment) }
        }
        return paid >= cumulative ? .completed : .onTrack
    }
}
