/// Why a case is not chased today although it is overdue.
public enum HoldReason: Sendable, Equatable, CustomStringConvertible {
    /// A promise to pay is pending; chasing resumes the day after `until` (its due date plus grace).
    case promiseToPay(until: LocalDate)
    /// An arrangement (instalment plan, deferral, …) is being kept.
    case arrangement

    public var description: String {
        switch self {
        case .promiseToPay(let until): "promise to pay pending until \(until)"
        case .arrangement: "arrangement being kept"
        }
    }
}
