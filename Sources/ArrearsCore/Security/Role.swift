/// What a person does in Arrears (DESIGN.md, "Users"). Every route and query is authorised by
/// role; personal data is masked for every role and revealed only with a recorded reason, to the
/// roles whose work needs that field.
public enum Role: String, CaseIterable, Sendable, Codable {
    case collector
    case fieldAgent = "field_agent"
    case supervisor
    case strategyManager = "strategy_manager"
    case legal
    case compliance
    case admin
    /// A system account of the bank's SMS and e-mail gateway: it reports delivery through the API
    /// and has no pages.
    case gateway
}
