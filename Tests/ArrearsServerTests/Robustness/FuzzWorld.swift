import ArrearsCore
import ArrearsSampleData
import ArrearsServer
import ArrearsStore
import ArrearsWorkflows
import Foundation
import NIOHTTP1
import SQLKit

/// What the route fuzzer works on: a small sample portfolio after a daily run of today, a user
/// of every role with a bearer token and a signed-in page session, and the ids that exist.
struct FuzzWorld {
    /// How one role reaches the server: a bearer token for the API, a session cookie and its
    /// CSRF token for pages (nil where the role cannot sign in to pages).
    struct Caller {
        let role: Role
        let token: String
        var cookie: String?
        var csrfToken: String?
    }

    static let password = "fuzzing is not a password"
    static let customers = 60

    let store: Store
    let today: LocalDate
    var callers: [Caller]
    var ids: FuzzIds

    /// Loads the portfolio into `store`, runs the day and adds the users.
    static func seed(_ store: Store, in directory: URL) async throws -> FuzzWorld {
        let today = LocalDate.today()
        let data = directory.appendingPathComponent("portfolio")
        _ = try PortfolioGenerator(customers: customers, seed: 2026_1207, asOf: today).write(to: data)
        for kind in ImportKind.allCases {
            _ = try await PortfolioImporter(store: store).importFile(kind, path: data.appendingPathComponent("\(kind.rawValue).csv").path) { _ in }
        }
        let config = FuzzServer.packageRoot.appendingPathComponent("config").path
        let run = DailyRun(store: store, strategy: try StrategyConfig.load(path: config + "/strategy.yaml", buckets: .standard),
                           buckets: .standard, agents: try TeamsConfig.load(fromDirectory: config), policy: try PolicyConfig.load(fromDirectory: config))
        _ = try await run.run(today)

        var callers: [Caller] = []
        for role in Role.allCases {
            let agent: String? = switch role {
            case .collector: "c-zhang-wei"
            case .fieldAgent: "f-shanghai"
            default: nil
            }
            let user = User(id: UUID().uuidString.lowercased(), username: "fuzz-\(role.rawValue.replacingOccurrences(of: "_", with: "-"))",
                            displayName: "Fuzz \(role.rawValue)", role: role, passwordHash: try PasswordHasher.hash(password, cost: 4),
                            agentId: agent, team: nil, active: true, createdAt: ISO8601DateFormatter().string(from: Date()))
            try await UserDirectory.add(user, actor: "fuzz", on: store)
            let token = try await APITokens.issue(for: user, label: "fuzz", actor: "fuzz", on: store).token
            callers.append(Caller(role: role, token: token))
        }
        var world = FuzzWorld(store: store, today: today, callers: callers, ids: FuzzIds())
        try await world.collectIds()
        return world
    }

    /// Reads the ids that exist now, putting first those of the collector `c-zhang-wei`'s work,
    /// so that the collector's requests reach past the scope checks too.
    mutating func collectIds() async throws {
        let sql = store.sql
        func column(_ query: String, _ name: String = "id") async throws -> [String] {
            try await sql.raw(SQLQueryString(query)).all().compactMap { try? $0.decode(column: name, as: String.self) }
        }
        let assigned = "SELECT DISTINCT customer_id FROM actions WHERE assigned_to = 'c-zhang-wei'"
        ids.add("customer", try await column("SELECT id FROM customers WHERE id IN (\(assigned)) ORDER BY id LIMIT 3"))
        ids.add("customer", try await column("SELECT id FROM customers ORDER BY id LIMIT 3"))
        ids.add("case", try await column("SELECT id FROM cases WHERE customer_id IN (\(assigned)) ORDER BY id LIMIT 3"))
        ids.add("case", try await column("SELECT id FROM cases ORDER BY id LIMIT 3"))
        ids.add("account", try await column("SELECT id FROM accounts WHERE customer_id IN (\(assigned)) ORDER BY id LIMIT 3"))
        ids.add("account", try await column("SELECT id FROM accounts ORDER BY id LIMIT 3"))
        ids.add("task", try await column("SELECT id FROM actions WHERE assigned_to = 'c-zhang-wei' ORDER BY id LIMIT 3"))
        ids.add("task", try await column("SELECT id FROM actions ORDER BY id LIMIT 3"))
        ids.add("payment", try await column("SELECT id FROM payments ORDER BY id LIMIT 2"))
        for (kind, table) in [("arrangement", "arrangements"), ("visit", "visits"), ("legal", "legal_cases"), ("complaint", "complaints"),
                              ("outbox", "outbox_messages"), ("attachment", "attachments"), ("document", "legal_documents"),
                              ("token", "api_tokens"), ("promise", "promises"), ("flag", "customer_flags")] {
            ids.add(kind, try await column("SELECT id FROM \(table) ORDER BY id LIMIT 3"))
        }
        ids.add("agent", ["c-zhang-wei", "f-shanghai", "c-li-na"])
        for body in try await column("SELECT body FROM outbox_messages ORDER BY id", "body") {
            for (kind, marker) in [("selfservice", "/s/"), ("feedback", "/feedback/")] {
                guard let start = body.range(of: marker) else { continue }
                let token = body[start.upperBound...].prefix { $0.isLetter || $0.isNumber || "-_.".contains($0) }
                ids.add(kind, [String(token.trimmingCharacters(in: CharacterSet(charactersIn: ".")))])
            }
        }
    }

    /// Signs every role in to the pages over HTTP, as a browser does, and keeps its CSRF token.
    mutating func signIn(on server: FuzzServer) async {
        for index in callers.indices {
            guard case .answered(_, let formHeaders, let form) = await server.send("GET", "/login"),
                  let formCookie = Self.sessionCookie(formHeaders), let csrf = Self.csrfToken(in: form) else { continue }
            let body = "username=\(FuzzValues.percentEncoded("fuzz-" + callers[index].role.rawValue.replacingOccurrences(of: "_", with: "-")))"
                + "&password=\(FuzzValues.percentEncoded(Self.password))&csrf_token=\(FuzzValues.percentEncoded(csrf))"
            guard case .answered(303, let headers, _) = await server.send("POST", "/login", headers: [
                ("Cookie", "arrears_session=\(formCookie)"), ("Content-Type", "application/x-www-form-urlencoded"),
            ], body: Array(body.utf8)), let cookie = Self.sessionCookie(headers) else { continue }
            callers[index].cookie = cookie
            for page in ["/", "/work", "/work/cases/\(FuzzValues.percentEncoded(ids.first("case")))", "/visits", "/legal", "/supervisor"] {
                if case .answered(200, _, let html) = await server.send("GET", page, headers: [("Cookie", "arrears_session=\(cookie)")]),
                   let token = Self.csrfToken(in: html) {
                    callers[index].csrfToken = token
                    break
                }
            }
        }
    }

    private static func sessionCookie(_ headers: HTTPHeaders) -> String? {
        for value in headers["Set-Cookie"] where value.hasPrefix("arrears_session=") {
            return String(value.dropFirst("arrears_session=".count).prefix { $0 != ";" })
        }
        return nil
    }

    private static func csrfToken(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrf_token" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }
}
