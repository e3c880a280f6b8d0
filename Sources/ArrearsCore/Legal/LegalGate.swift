/// What the customer's flags and the time gates allow a legal case to do (issue 24): the rule
/// every door (API, page, the workflow under them) applies before a legal case is opened, moved
/// or sent a demand letter.
///
/// - `bankruptcy`, `deceased`: **stop**. No opening, no stage but `closed`, no letter: claims go
///   through the proceedings or the estate.
/// - `dispute`, `complaint`, `breathing_space`: **hold**. The same refusals while the flag holds;
///   the case goes on once it has ended.
/// - `time_barred`: **no suit, nor a threat of one**. A case may be opened for review and closed,
///   but not moved to `demand_letter` (the letter threatens suit), `filed` or any later stage, and
///   no demand letter is written.
/// - Time gates (`LegalTimeGates`, `config/legal.yaml`): no filing on or before the pay-by date
///   of the latest demand letter, and a case stays in a stage at least the minimum days before it
///   moves on. Closing is never held back by a flag or a gate.
///
/// When the policy pack has a flag rule for the flag, the refusal names that rule (its id and
/// words); otherwise it names `legal.<flag>`.
public enum LegalGate {
    /// What is asked of the legal case.
    public enum Step: Sendable, Equatable {
        case open
        case move(LegalStage)
        case demandLetter
    }

    /// What a flag does to legal work.
    public enum Effect: String, Sendable {
        case stop, hold, noSuit = "no_suit"
    }

    /// The flags that change legal work, and how.
    public static func effect(of flag: CustomerFlag.Kind) -> Effect? {
        switch flag {
        case .bankruptcy, .deceased: .stop
        case .dispute, .complaint, .breathingSpace: .hold
        case .timeBarred: .noSuit
        default: nil
        }
    }

    /// The kinds of `flags` that hold on the customer's local `date` (on any channel).
    public static func holding(_ flags: [CustomerFlag], on date: LocalDate) -> [CustomerFlag.Kind] {
        flags.filter { flag in
            if let from = flag.from, date < from { return false }
            if let until = flag.until, date > until { return false }
            return true
        }.map(\.kind)
    }

    /// The stages a suit or its threat begins at: a demand letter and everything after it.
    static func threatensSuit(_ step: Step) -> Bool {
        switch step {
        case .open: false
        case .demandLetter: true
        case .move(let stage): stage != .closed && stage >= .demandLetter
        }
    }

    /// The first refusal of `step` by `flags` (those holding for the customer today), in the
    /// order stop, hold, no suit; nil when the flags allow it.
    public static func check(_ step: Step, flags: [CustomerFlag.Kind], pack: PolicyPack? = nil) -> LegalGateRefusal? {
        if step == .move(.closed) { return nil }
        for effect in [Effect.stop, .hold, .noSuit] {
            guard let flag = flags.first(where: { self.effect(of: $0) == effect }) else { continue }
            if effect == .noSuit, !threatensSuit(step) { continue }
            let packRule = pack?.rules.first { rule in
                if case .flag(let kinds, _) = rule.kind { return kinds.contains(flag) }
                return false
            }
            let rule = packRule?.id ?? "legal.\(flag.rawValue)"
            let words = packRule.map { " (\($0.description))" } ?? ""
            let message: String
            switch effect {
            case .stop:
                message = "the customer is flagged \(flag.rawValue)\(words): legal action stops; the case may only be closed, with the reason"
            case .hold:
                message = "the customer is flagged \(flag.rawValue)\(words): legal action is on hold while the flag holds"
            case .noSuit:
                message = "the debt is time-barred\(words): no suit and no demand letter threatening one; the case may only be reviewed and closed"
            }
            return LegalGateRefusal(effect: effect, rule: rule, message: message, possibleOn: nil)
        }
        return nil
    }

    /// The first refusal of moving to `stage` on `on` by the time gates, with the first date the
    /// move becomes possible: `since` is the day the case entered its stage, `payBy` the latest
    /// pay-by date a demand letter of the case gave.
    public static func checkTime(to stage: LegalStage, on: LocalDate, since: LocalDate, payBy: LocalDate?, gates: LegalTimeGates) -> LegalGateRefusal? {
        if stage == .closed { return nil }
        if stage == .filed, gates.filingAfterPayBy, let payBy, on <= payBy {
            let possible = payBy.adding(days: 1)
            return LegalGateRefusal(effect: nil, rule: "legal.pay_by",
                                    message: "the demand letter gives the customer until \(payBy) to pay; a filing is possible from \(possible)",
                                    possibleOn: possible)
        }
        if gates.minimumDaysBetweenStages > 0, on.days(since: since) < gates.minimumDaysBetweenStages {
            let possible = since.adding(days: gates.minimumDaysBetweenStages)
            return LegalGateRefusal(effect: nil, rule: "legal.minimum_days",
                                    message: "a case stays at least \(gates.minimumDaysBetweenStages) days in a stage; it entered this one on \(since), so the move is possible from \(possible)",
                                    possibleOn: possible)
        }
        return nil
    }
}

/// The time gates of legal work (`config/legal.yaml`).
public struct LegalTimeGates: Sendable, Equatable {
    /// Days a case stays in a stage before it moves on (closing excepted); 0 for none.
    public let minimumDaysBetweenStages: Int
    /// Whether a filing waits until the latest demand letter's pay-by date has passed.
    public let filingAfterPayBy: Bool

    public init(minimumDaysBetweenStages: Int, filingAfterPayBy: Bool) {
        self.minimumDaysBetweenStages = max(0, minimumDaysBetweenStages)
        self.filingAfterPayBy = filingAfterPayBy
    }

    /// The gates when nothing is configured: a filing still waits for the pay-by date (the
    /// letter's promise to the customer), with no minimum days.
    public static let standard = LegalTimeGates(minimumDaysBetweenStages: 0, filingAfterPayBy: true)
}

/// Why a legal step was refused by `LegalGate`: the rule (a pack rule's id, `legal.<flag>`,
/// `legal.pay_by` or `legal.minimum_days`), the reason in words, and for a time gate the first
/// date the step becomes possible.
public struct LegalGateRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    /// The flag's effect; nil for a time gate.
    public let effect: LegalGate.Effect?
    public let rule: String
    public let message: String
    public let possibleOn: LocalDate?

    public init(effect: LegalGate.Effect?, rule: String, message: String, possibleOn: LocalDate?) {
        self.effect = effect
        self.rule = rule
        self.message = message
        self.possibleOn = possibleOn
    }

    public var description: String { message }
}
