/// The next step of a legal case and the first day it is allowed (issue 25, "legal worklist"):
/// the first stage after the current one that is not `closed` (closing is always possible and
/// never the work of the day), held back by the time gates of `config/legal.yaml`
/// (`LegalGate.checkTime`): a filing waits for the latest demand letter's pay-by date to pass,
/// and a case stays the minimum days in a stage.
public struct LegalNextStep: Sendable, Equatable {
    public let stage: LegalStage
    /// The first day the move is allowed: `today` when nothing holds it back.
    public let allowedOn: LocalDate
    /// The rule that holds it back until `allowedOn` (`legal.pay_by`, `legal.minimum_days`); nil when none.
    public let heldBy: String?

    /// The next step of a case in `stage` since `since`, whose demand letters gave until `payBy`;
    /// nil for a closed case or one whose only step left is closing.
    public static func of(stage: LegalStage, since: LocalDate, payBy: LocalDate?, today: LocalDate, gates: LegalTimeGates) -> LegalNextStep? {
        guard let next = stage.next.first(where: { $0 != .closed }) else { return nil }
        let refusal = LegalGate.checkTime(to: next, on: today, since: since, payBy: payBy, gates: gates)
        return LegalNextStep(stage: next, allowedOn: refusal?.possibleOn ?? today, heldBy: refusal?.rule)
    }
}
