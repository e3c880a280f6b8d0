import ArrearsCore
import ArrearsStore

/// The collector's queue and the inbound-call form for a case outside the queue (the case page
/// is `CaseView`); the page tests and the browser tests read their ids and form fields.
enum WorkbenchViews {
    /// One row of the queue.
    struct TaskLine {
        let caseId: String
        let customerName: String
        let channel: String
        let dpd: Int
        let overdue: String
        let allowed: Bool?
    }

    static func queue(_ tasks: [TaskLine], words t: Words, language: String, csrfToken: String, role: Role) -> HTML {
        let body: HTML
        if tasks.isEmpty {
            body = "<p class=\"notice\">\(t["wb_empty_queue"])</p>"
        } else {
            body = """
              <div class="scroll" tabindex="0"><table id="queue">
                <thead><tr><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th class="num">\(t["wb_dpd"])</th><th class="num">\(t["wb_overdue"])</th><th>\(t["wb_contact_now"])</th></tr></thead>
                <tbody>
              \(HTML.each(tasks) { task in """
                  <tr><td><a class="case-link" href="/work/cases/\(task.caseId)?lang=\(language)">\(task.customerName)</a></td><td>\(t.code(.channel, task.channel))</td><td class="num">\(task.dpd)</td>
                    <td class="num">\(task.overdue)</td><td>\(task.allowed.map { t[$0 ? "wb_allowed" : "wb_blocked"] })</td></tr>

                """ })    </tbody>
              </table></div>
            """
        }
        return page(title: t["wb_queue_title"], words: t, language: language, csrfToken: csrfToken, role: role, body: """
              <h1>\(t["wb_queue_title"])</h1>
            \(body)
            """)
    }

    /// What a collector sees instead of "not found" for a case outside their queue: a form to
    /// open it for an inbound call, with a reason (`InboundAccessController`), and `error` when
    /// the last reason was refused.
    static func accessForm(caseId: String, error: String?, words t: Words, language: String, csrfToken: String, role: Role) -> HTML {
        page(title: t["wb_access_title"], words: t, language: language, csrfToken: csrfToken, role: role, body: """
              <h1>\(t["wb_access_title"])</h1>
              <p>\(t["wb_access_explain"])</p>
              \(error.map { "<p class=\"notice\" id=\"form-error\">\(t["wb_error"]): \($0)</p>" as HTML } ?? "")
              <form id="access" method="post" action="/work/cases/\(caseId)/access">
                <input type="hidden" name="csrf_token" value="\(csrfToken)">
                <label>\(t["wb_access_reason"]) <input name="reason" required minlength="10" maxlength="500"></label>
                <button type="submit">\(t["wb_access_open"])</button>
              </form>
            """)
    }

    /// Whether `role` works cases (a queue, forms) rather than only reading them.
    private static func works(_ role: Role) -> Bool { WorkbenchPageController.roles.contains(role) }

    /// The page in the layout; for a role that only reads cases, `main.read-only`, which shows
    /// no forms (the server refuses what they would post).
    private static func page(title: String, words t: Words, language: String, csrfToken: String, role: Role, body: HTML) -> HTML {
        Layout.signedIn(title, words: t, language: language, csrfToken: csrfToken, role: role).page(mainClass: works(role) ? nil : "read-only", body)
    }
}
