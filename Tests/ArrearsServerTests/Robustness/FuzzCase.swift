import Foundation

/// One request the route fuzzer sends, and what it varies.
struct FuzzCase {
    /// The route as written in the spec or the controller, e.g. `POST /api/v1/visits/{id}/report`.
    let route: String
    /// What this case tries, e.g. `body.first_date = "9999-12-31"`; `base` for the unchanged request.
    let label: String
    let method: String
    /// The path and query, percent-encoded as they go on the wire.
    var path: String
    var headers: [(String, String)] = []
    var body: [UInt8]?
    /// For a page form: the fields, sent URL-encoded with the session's CSRF token added.
    var form: [(String, String)]?
    /// A request with a head (request line and headers) of tens of kilobytes, sent on a raw socket.
    var longHead = false
    /// A head over NIO's 80 KiB limit: its HTTP parser closes the connection without an answer,
    /// before any of Arrears' code runs. The server must still be up after it.
    var headOverNIOLimit = false

    var isAPI: Bool { path == "/api" || path.hasPrefix("/api/") }

    /// How the case is named in a failure: route, what varied (cut to a readable length).
    var summary: String {
        let shown = label.count > 120 ? String(label.prefix(100)) + "…(\(label.count) characters)" : label
        return "\(route) [\(shown.replacingOccurrences(of: "\u{0}", with: "\\0"))]"
    }
}

/// The ids that exist in the seeded database, by kind (`customer`, `case`, `visit` ...), so
/// that paths and bodies reach the code behind the lookups; the fuzzer adds ids that its own
/// successful requests created.
struct FuzzIds {
    private(set) var byKind: [String: [String]] = [:]

    func first(_ kind: String) -> String { byKind[kind]?.first ?? "UNKNOWN-\(kind)" }
    func all(_ kind: String) -> [String] { byKind[kind] ?? [] }

    mutating func add(_ kind: String, _ ids: [String]) {
        for id in ids where !(byKind[kind] ?? []).contains(id) { byKind[kind, default: []].append(id) }
    }

    /// The kind of id a path parameter names, from the collection before it (`/visits/{id}` → `visit`).
    static func kind(ofPathParameter name: String, in template: String) -> String {
        if name == "attachment_id" || name == "attachment" { return "attachment" }
        if name == "document_id" || name == "document" || name == "doc" { return "document" }
        let segments = template.split(separator: "/").map(String.init)
        guard let index = segments.firstIndex(where: { $0 == "{\(name)}" }), index > 0 else { return name }
        return kind(ofCollection: segments[index - 1])
    }

    /// The kind of id the things of a collection have (`legal-cases` → `legal`).
    static func kind(ofCollection name: String) -> String { collections[name] ?? name }

    /// The kind of id a body or form field holds (`account_id` → `account`).
    static func kind(ofField name: String) -> String? {
        switch name {
        case "customer_id": "customer"
        case "account_id": "account"
        case "case_id": "case"
        case "visit_id": "visit"
        case "agent_id": "agent"
        case "payment_id": "payment"
        case "promise_id": "promise"
        case "document_id": "document"
        case "task_id", "follow_up_task_id": "task"
        default: nil
        }
    }

    private static let collections = [
        "customers": "customer", "cases": "case", "accounts": "account", "arrangements": "arrangement", "visits": "visit",
        "legal-cases": "legal", "legal": "legal", "complaints": "complaint", "outbox": "outbox", "tasks": "task", "tokens": "token",
        "s": "selfservice", "feedback": "feedback",
    ]
}
