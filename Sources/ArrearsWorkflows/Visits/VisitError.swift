/// Why a visit request was refused because of what is stored or of the moment, beside the
/// `WorkbenchError`s that name a request field (issue 24).
public enum VisitError: Error, Equatable, CustomStringConvertible {
    /// The case has a visit dispatched or confirmed and not yet reported or cancelled: at most one
    /// open visit per case, so the customer is never sent two notices for one case.
    case alreadyOpen(caseId: String, visitId: String)
    /// A report sent before the visit's window starts: the visit cannot have been made yet.
    case beforeWindow(visitId: String, startsAt: String)

    public var description: String {
        switch self {
        case .alreadyOpen(let caseId, let visitId):
            "case \(caseId) already has an open visit, \(visitId); report or cancel it before dispatching another"
        case .beforeWindow(let visitId, let startsAt):
            "visit \(visitId) starts at \(startsAt); it can be reported only from the start of its window"
        }
    }
}
