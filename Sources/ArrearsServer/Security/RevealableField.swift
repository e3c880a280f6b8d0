import ArrearsCore

/// The customer fields that are personal data (DESIGN.md, "Rules that hold everywhere"): shown
/// masked, and in full only to the roles whose work needs them, with a recorded reason.
enum RevealableField: String, CaseIterable, Sendable, Codable, Comparable {
    case mobile
    case idNumber = "id_number"
    case email
    case address

    /// What each role may reveal (issue 4). A collector calls and writes, so the mobile number
    /// and e-mail; a field agent visits, so the mobile number and address; supervisors, legal,
    /// compliance and admin everything; strategy managers work on aggregates and the gateway is
    /// a system account, so nothing.
    static func revealable(by role: Role) -> Set<RevealableField> {
        switch role {
        case .collector: [.mobile, .email]
        case .fieldAgent: [.mobile, .address]
        case .supervisor, .legal, .compliance, .admin: Set(allCases)
        case .strategyManager, .gateway: []
        }
    }

    static func < (lhs: RevealableField, rhs: RevealableField) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
