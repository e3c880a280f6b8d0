/// Which of a model's two outcomes is the good one, the outcome a higher score stands for.
///
/// A scorecard's score rises with the odds of the good outcome: for a default model (the event
/// is defaulting) the good outcome is the non-event; for pay30 (the event is paying) it is the
/// event; for roll (the event is rolling to a worse bucket) the non-event.
public enum GoodOutcome: String, Sendable, Codable, CaseIterable {
    case event
    case nonEvent = "non_event"

    /// +1 when the good outcome is the event, −1 when it is the non-event: the log-odds of the
    /// good outcome are this times the log-odds of the event.
    public var sign: Double { self == .event ? 1 : -1 }
}
