/// Why a case is not chased today although it is overdue.
public enum HoldReason: Sendable, Equatable, CustomStringConvertible {
    /// A promise to pay is pending; chasing resumes the day after `until` (its due date plus grace).
    case promiseToPay(until: LocalDate)
    /// An arrangement (instalment plan, deferral, settlement) is being kept; `kept` names each
    /// in plain words (e.g. "instalment_plan ARR-1 on account ACC-1"), empty when unknown.
    case arrangement(kept: [String])

    public var description: String {
        switch self {
        case .promiseToPay(let until): "promise to pay pending until \(until)"
        case .arrangement(let kept): kept.isEmpty ? "arrangement being kept" : "arrangement being kept: \(kept.joined(separator: ", "))"
        }
    }
}
