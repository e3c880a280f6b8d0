import ArrearsCore
import Foundation

/// The server-rendered pages and forms, as their controllers declare them (`Sources/ArrearsServer/
/// Pages`, `SignInController`): each with its query parameters or form fields and their kinds.
/// Keep this list in step with the controllers: a page missing here goes unfuzzed.
struct PageRoute {
    let method: String
    /// With `{kind}` where an id of that kind goes (`/work/cases/{case}`).
    let template: String
    var query: [(String, FuzzValues.Kind)] = []
    var form: [(String, FuzzValues.Kind)] = []

    static let all: [PageRoute] = {
        let lang: (String, FuzzValues.Kind) = ("lang", .text)
        let period: [(String, FuzzValues.Kind)] = [("from", .date), ("to", .date), ("by", .enumeration(["team"])), lang]
        return [
            PageRoute(method: "GET", template: "/", query: [("bucket", .text), ("page", .integer), lang]),
            PageRoute(method: "GET", template: "/runs", query: [lang]),
            PageRoute(method: "GET", template: "/analytics", query: period),
            PageRoute(method: "GET", template: "/analytics/kpis.csv", query: period),
            PageRoute(method: "GET", template: "/reports/monthly", query: [("month", .text)] + period),
            PageRoute(method: "GET", template: "/work", query: [lang]),
            PageRoute(method: "GET", template: "/work/cases/{case}", query: [lang]),
            PageRoute(method: "GET", template: "/work/cases/{case}/next"),
            PageRoute(method: "GET", template: "/search", query: [lang]),
            PageRoute(method: "POST", template: "/search", query: [lang], form: [("query", .text), ("mobile_ending", .text)]),
            PageRoute(method: "POST", template: "/work/cases/{case}/attempts",
                      form: [("channel", .enumeration(["call"])), ("outcome", .enumeration(["no_answer"])), ("note", .text)]),
            PageRoute(method: "POST", template: "/work/cases/{case}/promises", form: [("amount", .amount), ("currency", .text), ("due_on", .date)]),
            PageRoute(method: "POST", template: "/work/cases/{case}/arrangements",
                      form: [("kind", .enumeration(["instalment_plan"])), ("count", .integer), ("first_date", .date), ("new_due_date", .date),
                             ("waiver_share", .share), ("amount", .amount), ("pay_by", .date), ("reason", .text)]),
            PageRoute(method: "GET", template: "/supervisor", query: [("agent", .identifier), ("channel", .enumeration(["call", "visit"])), lang]),
            PageRoute(method: "GET", template: "/compliance", query: [("from", .date), ("to", .date), ("rule", .text), lang]),
            PageRoute(method: "GET", template: "/compliance/flags", query: [lang]),
            PageRoute(method: "POST", template: "/compliance/flags",
                      form: [("customer_id", .identifier), ("flag", .enumeration(["dispute"])), ("channel", .enumeration(["sms"])), ("from", .date),
                             ("until", .date), ("value", .text), ("note", .text)]),
            PageRoute(method: "POST", template: "/compliance/flags/{flag}/end", form: [("evidence", .text)]),
            PageRoute(method: "GET", template: "/compliance/complaints", query: [lang]),
            PageRoute(method: "POST", template: "/compliance/complaints",
                      form: [("customer_id", .identifier), ("case_id", .identifier), ("channel", .enumeration(["call"])), ("category", .text), ("description", .text)]),
            PageRoute(method: "POST", template: "/compliance/complaints/{complaint}/assign", form: [("assigned_to", .text)]),
            PageRoute(method: "POST", template: "/compliance/complaints/{complaint}/resolve", form: [("resolution", .text)]),
            PageRoute(method: "GET", template: "/audit", query: [("actor", .text), ("subject", .text), ("action", .text), ("from", .date), ("to", .date), ("cursor", .text), lang]),
            PageRoute(method: "GET", template: "/audit/export", query: [("actor", .text), ("subject", .text), ("action", .text), ("from", .date), ("to", .date)]),
            PageRoute(method: "GET", template: "/outbox", query: [("status", .enumeration(["failed"])), ("cursor", .text), lang]),
            PageRoute(method: "POST", template: "/outbox/{outbox}/retry"),
            PageRoute(method: "POST", template: "/supervisor/arrangements/{arrangement}/approve", form: [("note", .text)]),
            PageRoute(method: "POST", template: "/supervisor/arrangements/{arrangement}/reject", form: [("note", .text), ("confirm", .text)]),
            PageRoute(method: "POST", template: "/supervisor/quality-reviews",
                      form: [("contact_attempt_id", .identifier), ("identity_checked", .text), ("no_threats", .text), ("note", .text)]),
            PageRoute(method: "POST", template: "/supervisor/tasks/{task}/reassign", form: [("agent_id", .identifier)]),
            PageRoute(method: "GET", template: "/legal", query: [("stage", .enumeration(["review"])), lang]),
            PageRoute(method: "POST", template: "/legal", form: [("case_id", .identifier), ("reason", .text)]),
            PageRoute(method: "GET", template: "/legal/{legal}", query: [lang]),
            PageRoute(method: "POST", template: "/legal/{legal}/stage",
                      form: [("stage", .enumeration(["demand_letter"])), ("on", .date), ("court_name", .text), ("court_case_number", .text), ("reason", .text)]),
            PageRoute(method: "POST", template: "/legal/{legal}/costs", form: [("amount", .amount), ("currency", .text), ("description", .text), ("incurred_on", .date)]),
            PageRoute(method: "POST", template: "/legal/{legal}/demand-letter", form: [("pay_by", .date), ("language", .text)]),
            PageRoute(method: "GET", template: "/legal/{legal}/letters/{document}"),
            PageRoute(method: "GET", template: "/legal/{legal}/documents/{document}"),
            PageRoute(method: "POST", template: "/legal/{legal}/documents", form: [("name", .text)]),
            PageRoute(method: "GET", template: "/visits", query: [("date", .date), ("case_id", .identifier), lang]),
            PageRoute(method: "POST", template: "/visits", form: [("case_id", .identifier), ("agent_id", .identifier), ("starts_at", .timestamp), ("ends_at", .timestamp)]),
            PageRoute(method: "POST", template: "/visits/{visit}/report",
                      form: [("met", .enumeration(["debtor"])), ("visitors", .integer), ("identification_shown", .boolean), ("two_collectors_present", .boolean), ("situation", .text),
                             ("difficulty", .text), ("promise_amount", .amount), ("promise_due_on", .date), ("plan_requested", .boolean), ("plan_instalments", .integer),
                             ("plan_first_date", .date), ("override_reason", .text), ("note", .text)]),
            PageRoute(method: "POST", template: "/visits/{visit}/cancel", form: [("reason", .text)]),
            PageRoute(method: "GET", template: "/visits/{visit}/photos/{attachment}"),
            PageRoute(method: "GET", template: "/login", query: [("next", .text), lang]),
            PageRoute(method: "POST", template: "/login", form: [("username", .text), ("password", .text), ("next", .text)]),
            PageRoute(method: "GET", template: "/s/{selfservice}", query: [lang]),
            PageRoute(method: "POST", template: "/s/{selfservice}/promise", form: [("amount", .amount), ("due_on", .date)]),
            PageRoute(method: "POST", template: "/s/{selfservice}/plan", form: [("count", .integer), ("first_date", .date)]),
            PageRoute(method: "GET", template: "/feedback/{feedback}", query: [lang]),
            PageRoute(method: "POST", template: "/feedback/{feedback}", form: [("rating", .integer), ("comment", .text)]),
        ]
    }()
}

/// The cases for one page: as a browser sends it, then with one query parameter, form field or
/// path id changed at a time, and a form without its CSRF token.
struct PageFuzzCases {
    let page: PageRoute
    let ids: FuzzIds
    let today: LocalDate

    private var route: String { "\(page.method) \(page.template)" }

    func cases(limit: Int, random: inout FuzzRandom) -> [FuzzCase] {
        let base = baseCase()
        var varied: [FuzzCase] = []
        for kind in idKinds {
            for value in ids.all(kind).dropFirst().prefix(1) + FuzzValues.identifiers {
                var fuzzCase = base.with(label: "path.\(kind) = \(value)")
                fuzzCase.path = path(replacing: (kind, FuzzValues.percentEncoded(value)))
                varied.append(fuzzCase)
            }
        }
        for (name, kind) in page.query {
            for text in FuzzValues.texts(for: kind) + (name == "month" ? ["9999-12", "0001-01", "2024-02", "0000-00", "-1"] : [])
                + (name == "next" ? ["//evil.example", "/\\evil.example", "javascript:alert(1)"] : []) {
                var fuzzCase = base.with(label: "query.\(name) = \(text)")
                fuzzCase.path = path(replacing: nil) + "?\(name)=" + FuzzValues.percentEncoded(text)
                varied.append(fuzzCase)
            }
        }
        if let form = base.form {
            for (index, field) in page.form.enumerated() {
                for text in FuzzValues.texts(for: field.1) {
                    var fuzzCase = base.with(label: "form.\(field.0) = \(text)")
                    fuzzCase.form![index].1 = text
                    varied.append(fuzzCase)
                }
                var without = base.with(label: "form.\(field.0) missing")
                without.form!.remove(at: index)
                varied.append(without)
            }
            var json = base.with(label: "JSON body to a form route", body: APIFuzzCases.object(form.map { ($0.0, FuzzValues.json($0.1)) }))
            json.form = nil
            json.headers = [("Content-Type", "application/json")]
            varied.append(json)
            var noToken = base.with(label: "form without its CSRF token")
            noToken.headers = [("X-Fuzz-No-CSRF", "1")]
            varied.append(noToken)
        }
        return [base] + random.sample(varied, count: limit - 1)
    }

    private var idKinds: [String] {
        page.template.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) }
    }

    private func path(replacing: (kind: String, value: String)?) -> String {
        var path = page.template
        for kind in idKinds {
            path = path.replacingOccurrences(of: "{\(kind)}", with: replacing?.kind == kind ? replacing!.value : FuzzValues.percentEncoded(ids.first(kind)))
        }
        return path
    }

    private func baseCase() -> FuzzCase {
        var fuzzCase = FuzzCase(route: route, label: "base", method: page.method, path: path(replacing: nil))
        if page.method == "POST" {
            fuzzCase.form = page.form.map { name, kind in (name, baseText(name, kind)) }
        }
        return fuzzCase
    }

    private func baseText(_ name: String, _ kind: FuzzValues.Kind) -> String {
        switch kind {
        case .enumeration(let values): values.first ?? ""
        case .date: today.adding(days: 7).description
        case .timestamp: today.adding(days: 2).description + "T10:00"
        case .amount: "100.00"
        case .share: "10%"
        case .integer: name == "rating" ? "5" : "3"
        case .boolean: "on"
        case .identifier: FuzzIds.kind(ofField: name).map { ids.first($0) } ?? name
        default: name == "currency" ? "CNY" : "fuzz \(name)"
        }
    }
}
