import ArrearsCore
import ArrearsStore
import Vapor

/// The audit log for the compliance officer (`/audit`, compliance and admin):
///
/// - `GET /audit?actor=&subject=&action=&from=&to=&cursor=`: the entries that match, newest
///   first, a page at a time (`CursorPage`, the cursor the last sequence shown), how many match,
///   and the chain's state as `arrears audit verify` computes it (`AuditLog.verify`): intact
///   with its head, or the first entry that breaks it. Dates are UTC dates, both included.
/// - `GET /audit/export?` the same criteria: every matching entry (at most `exportLimit`) as
///   CSV with the columns of `arrears audit export`; the export is itself audited
///   (`audit_exported`, with the criteria and the number of rows).
struct AuditPageController: RouteCollection {
    static let roles = CompliancePageController.roles
    static let exportLimit = 100_000
    static let columns = ["sequence", "at", "actor", "action", "subject", "details", "previous_hash", "hash", "details_hash", "hash_version"]

    struct Page {
        let t: [String: String]
        let lang: String
        let query: [String: String]
        let entries: CursorPage<AuditEntry>
        let matches: Int
        let verification: AuditLog.Verification
        let zone: TimeZone
        let form: PageForm
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get("audit", use: page)
        routes.get("audit", "export", use: export)
    }

    /// The criteria typed, by field, and the query they make; an `APIError` naming the field of a date that is not one.
    static func criteria(_ req: Request) throws -> (typed: [String: String], query: AuditQuery) {
        var typed: [String: String] = [:]
        for field in ["actor", "subject", "action", "from", "to"] {
            typed[field] = try RequestField.text(req.query[String.self, at: field], field, maximumLength: 200) ?? ""
        }
        let present = { (field: String) in FlagsPageController.present(typed[field]).map { $0.trimmingCharacters(in: .whitespaces) } }
        let query = AuditQuery(actor: present("actor"), subject: present("subject"), action: present("action"),
                               from: try RequestField.optionalDate(present("from"), "from"), to: try RequestField.optionalDate(present("to"), "to"))
        return (typed, query)
    }

    func page(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let localizer = Localizer(request: req)
        let words = localizer.table
        let database = req.context.store.sql
        var typed: [String: String] = [:]
        var form = PageForm.none
        var query = AuditQuery()
        var status = HTTPResponseStatus.ok
        do {
            (typed, query) = try Self.criteria(req)
        } catch let error as APIError {
            typed = Dictionary(uniqueKeysWithValues: ["actor", "subject", "action", "from", "to"].map { ($0, String((req.query[String.self, at: $0] ?? "").prefix(200))) })
            form = PageForm(form: "search", values: typed, error: error, words: Words(table: words), language: localizer.language)
            status = error.status
        }
        let request = try PageRequest(req)
        let rows = status == .ok ? try await AuditLog.search(query, before: request.after.flatMap { Int($0) }, limit: request.fetchLimit, on: database) : []
        let page = Page(t: words, lang: localizer.language.rawValue, query: typed,
                        entries: CursorPage(rows, request, key: { String($0.sequence) }, item: { $0 }),
                        matches: status == .ok ? try await AuditLog.count(query, on: database) : 0,
                        verification: try await AuditLog.verify(on: database), zone: req.viewerZone,
                        form: form.form == nil ? PageForm(form: "search", values: typed) : form)
        let response = try await AuditView.page(page, csrfToken: req.csrfToken(), role: user.role).view.encodeResponse(for: req)
        response.status = status
        return response
    }

    func export(req: Request) async throws -> Response {
        let user = try req.signedInUser()
        let (_, query) = try Self.criteria(req)
        let entries = try await req.context.store.transaction { database in
            let entries = try await AuditLog.matching(query, limit: Self.exportLimit, on: database)
            var details = ["rows": String(entries.count)]
            details["actor"] = query.actor
            details["subject"] = query.subject
            details["action"] = query.action
            details["from"] = query.from?.description
            details["to"] = query.to?.description
            try await AuditLog.append([AuditEvent(actor: user.auditActor, action: "audit_exported", subject: "audit_log", details: details)],
                                      at: req.context.now(), on: database)
            return entries
        }
        var text = ""
        let writer = ReportWriter(format: .csv, columns: Self.columns, numericColumns: ["sequence", "hash_version"], sink: { text += $0 })
        for entry in entries {
            writer.write([String(entry.sequence), entry.at, entry.actor, entry.action, entry.subject, entry.details, entry.previousHash, entry.hash,
                          entry.detailsHash ?? "", String(entry.scheme.rawValue)])
        }
        writer.finish()
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "audit-log.csv")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
