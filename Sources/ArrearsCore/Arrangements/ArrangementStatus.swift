/// Where an arrangement is in its life: proposed → approved (or rejected) → active → completed
/// or broken. Proposed, approved and active arrangements are open: an account has at most one.
public enum ArrangementStatus: String, CaseIterable, Sendable, Codable {
    case proposed, approved, rejected, active, completed, broken

    public static let open: [ArrangementStatus] = [.proposed, .approved, .active]

    public var isOpen: Bool { Self.open.contains(self) }
}
