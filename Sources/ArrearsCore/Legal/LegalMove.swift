/// A request to move a legal case to another stage, and the rule that decides it.
public struct LegalMove: Sendable, Equatable {
    public let to: LegalStage
    /// The day the case entered the stage (a filing, hearing or judgment date), never in the future.
    public let on: LocalDate
    public let courtName: String?
    public let courtCaseNumber: String?
    /// Why the case closes; required for `closed`, kept as the note of any other stage.
    public let reason: String?

    public static let maximumTextLength = 200

    public init(to: LegalStage, on: LocalDate, courtName: String? = nil, courtCaseNumber: String? = nil, reason: String? = nil) {
        self.to = to
        self.on = on
        self.courtName = courtName
        self.courtCaseNumber = courtCaseNumber
        self.reason = reason
    }

    /// Checks the move from `stage` (entered on `since`) on `today`; throws the first refusal.
    /// A filing needs the court's name, unless the case already has one.
    public func check(from stage: LegalStage, since: LocalDate, today: LocalDate, knownCourt: String?) throws(LegalMoveError) {
        guard stage.next.contains(to) else { throw .refused(from: stage, to: to) }
        guard on <= today else { throw .invalid(field: "on", message: "the date is in the future") }
        guard on >= since else { throw .invalid(field: "on", message: "the case entered \(stage.rawValue) on \(since); a later stage cannot start before it") }
        for (field, value) in [("court_name", courtName), ("court_case_number", courtCaseNumber), ("reason", reason)] {
            if let value, value.count > Self.maximumTextLength { throw .invalid(field: field, message: "at most \(Self.maximumTextLength) characters") }
        }
        if to == .closed, reason?.isEmpty ?? true { throw .invalid(field: "reason", message: "closing a legal case needs a reason") }
        if to == .filed, (courtName ?? knownCourt)?.isEmpty ?? true { throw .invalid(field: "court_name", message: "a filing names the court") }
    }
}

/// Why a stage move was not made: the machine refuses the move (`refused`, a conflict with the
/// case's stage) or a field's value is not allowed.
public enum LegalMoveError: Error, Equatable, CustomStringConvertible {
    case refused(from: LegalStage, to: LegalStage)
    case invalid(field: String, message: String)

    public var field: String {
        switch self {
        case .refused: "stage"
        case .invalid(let field, _): field
        }
    }

    public var description: String {
        switch self {
        case .refused(let from, let to):
            let allowed = from.next.map(\.rawValue).joined(separator: ", ")
            return "stage: a case in \(from.rawValue) cannot move to \(to.rawValue)" + (allowed.isEmpty ? "; it is closed" : "; it may move to \(allowed)")
        case .invalid(let field, let message): return "\(field): \(message)"
        }
    }
}
