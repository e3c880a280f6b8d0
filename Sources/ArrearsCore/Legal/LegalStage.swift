/// Where a legal case stands (issue 5, `../shared/DESIGN.md`): review → demand letter → filed →
/// hearing → judgment → enforcement → closed.
///
/// The machine only moves forward. Each open stage leads to the next; a filing may go straight
/// to judgment, because a payment order (督促程序, Civil Procedure Law arts. 225–228) or a
/// default judgment has no hearing; and any open stage may be closed, with a reason (paid,
/// settled, written off, withdrawn). A closed case stays closed.
public enum LegalStage: String, CaseIterable, Sendable, Codable, Comparable {
    case review
    case demandLetter = "demand_letter"
    case filed, hearing, judgment, enforcement, closed

    /// The stages this one may move to.
    public var next: [LegalStage] {
        switch self {
        case .review: [.demandLetter, .closed]
        case .demandLetter: [.filed, .closed]
        case .filed: [.hearing, .judgment, .closed]
        case .hearing: [.judgment, .closed]
        case .judgment: [.enforcement, .closed]
        case .enforcement: [.closed]
        case .closed: []
        }
    }

    public static func < (lhs: LegalStage, rhs: LegalStage) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
