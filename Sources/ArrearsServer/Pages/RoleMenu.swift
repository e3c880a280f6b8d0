import ArrearsCore

/// Where each role lands after signing in and which pages its menu lists (issue 25: "a home and
/// a menu per role"). An entry's roles are the very sets its routes are registered with, so the
/// menu never offers a page the server would refuse, and a role gains or loses a menu entry when
/// its access changes, nowhere else.
///
/// Homes: collector, the queue (`/work`); field agent, the day's visits (`/visits`); supervisor,
/// the team (`/supervisor`); legal, the worklist (`/legal`); compliance, the console
/// (`/compliance`); strategy manager, the analytics (`/analytics`); admin, the overview (`/`).
/// The gateway is a system account with no pages and no home.
enum RoleMenu {
    struct Entry: Sendable {
        let path: String
        /// The label's key in `Localizer`'s words.
        let label: String
        let roles: Set<Role>
    }

    /// Every page a menu may list, in menu order after the role's home.
    static let entries: [Entry] = [
        Entry(path: "/work", label: "menu_queue", roles: WorkbenchPageController.roles),
        Entry(path: "/search", label: "menu_search", roles: SearchPageController.roles),
        Entry(path: "/visits", label: "menu_visits", roles: VisitsController.readers),
        Entry(path: "/supervisor", label: "menu_team", roles: SupervisorPageController.roles),
        Entry(path: "/legal", label: "menu_legal", roles: LegalPageController.roles),
        Entry(path: "/compliance", label: "menu_compliance", roles: CompliancePageController.roles),
        Entry(path: "/compliance/flags", label: "menu_flags", roles: FlagsPageController.roles),
        Entry(path: "/compliance/complaints", label: "menu_complaints", roles: ComplaintsPageController.roles),
        Entry(path: "/audit", label: "menu_audit", roles: AuditPageController.roles),
        Entry(path: "/outbox", label: "menu_outbox", roles: OutboxPageController.roles),
        Entry(path: "/", label: "menu_overview", roles: backOfficePages),
        Entry(path: "/analytics", label: "menu_analytics", roles: analyticsPages),
        Entry(path: "/reports/monthly", label: "menu_monthly", roles: analyticsPages),
        Entry(path: "/runs", label: "menu_runs", roles: backOfficePages),
    ]

    /// The page `role` lands on after signing in; nil for a role without pages.
    static func home(of role: Role) -> String? {
        switch role {
        case .collector: "/work"
        case .fieldAgent: "/visits"
        case .supervisor: "/supervisor"
        case .legal: "/legal"
        case .compliance: "/compliance"
        case .strategyManager: "/analytics"
        case .admin: "/"
        case .gateway: nil
        }
    }

    /// The pages `role` may open, its home first, then in `entries`' order.
    static func entries(for role: Role) -> [Entry] {
        let mine = entries.filter { $0.roles.contains(role) }
        return mine.filter { $0.path == home(of: role) } + mine.filter { $0.path != home(of: role) }
    }

    /// The menu's links for `role`, labelled in `t`'s language and keeping it (`?lang=`).
    static func links(for role: Role, words t: Words, language: String) -> [Layout.Link] {
        entries(for: role).map { Layout.Link(href: "\($0.path)?lang=\(language)", label: t[$0.label]) }
    }

    /// Whether `role` may open a case page (`/work/cases/:id`): pages that mention a case link
    /// to it only then.
    static func opensCases(_ role: Role) -> Bool { WorkbenchPageController.caseReaders.contains(role) }
}
