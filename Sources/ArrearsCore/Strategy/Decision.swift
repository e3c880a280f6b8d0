/// What a strategy decided for one case on one business date.
public struct Decision: Sendable, Equatable {
    public let segment: Segment
    public let cell: String
    public let bucket: String
    public let outcome: Outcome

    public init(segment: Segment, cell: String, bucket: String, outcome: Outcome) {
        self.segment = segment
        self.cell = cell
        self.bucket = bucket
        self.outcome = outcome
    }

    public enum Outcome: Sendable, Equatable {
        /// Do this treatment today.
        case act(TreatmentRule)
        /// The treatment that applies was acted on recently; it is next due on `until`.
        case wait(TreatmentRule, until: LocalDate)
        /// Not chased today: a promise to pay is pending or an arrangement is being kept.
        case hold(HoldReason)
        /// No treatment applies (for example, the case is current).
        case none
    }
}
