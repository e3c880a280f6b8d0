import ArrearsCore
import ArrearsStore

/// `/compliance/complaints`: the open complaints with who handles each and the forms to assign
/// and resolve it, then the form to log one.
enum ComplaintsView {
    static func page(_ page: ComplaintsPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["cp_complaints_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let form = page.form
        func caseCell(_ caseId: String?) -> HTML {
            guard let caseId else { return "<td>–</td>" }
            return page.caseLinks ? "<td><a href=\"/work/cases/\(caseId)?lang=\(page.lang)\">\(caseId)</a></td>" : "<td>\(caseId)</td>"
        }
        func row(_ complaint: ComplaintHandling.Listed) -> HTML {
            let assignKey = "assign:\(complaint.id)", resolveKey = "resolve:\(complaint.id)"
            let chosen = form.value("assigned_to", of: assignKey, otherwise: complaint.assignedTo ?? "")
            let handlers = HTML.each(page.handlers) { name in
                "<option value=\"\(name)\"\(name == chosen ? " selected" as HTML : "")>\(name)</option>"
            }
            return """
                <tr id="complaint-\(complaint.id)"><td>\(complaint.id)</td><td>\(ConsoleForm.localTime(complaint.openedAt, in: page.zone))</td>\(caseCell(complaint.caseId ?? page.cases[complaint.customerId]))<td>\(complaint.customerId)</td><td>\(t.code(.complaintChannel, complaint.channel))</td><td>\(complaint.category)</td><td>\(complaint.description)</td><td>\(complaint.assignedTo ?? t["cp_unassigned"])</td>
                  <td><form method="post" action="/compliance/complaints/\(complaint.id)/assign?lang=\(page.lang)" class="inline">\(csrf)<label>\(t["cp_assigned_to"]) <select name="assigned_to"\(form.invalid("assigned_to", of: assignKey))>\(handlers)</select></label>\(form.error("assigned_to", of: assignKey))<button type="submit">\(t["cp_assign"])</button></form>
                  <form method="post" action="/compliance/complaints/\(complaint.id)/resolve?lang=\(page.lang)" class="inline">\(csrf)<label>\(t["cp_resolution"]) <input type="text" name="resolution" required value="\(form.value("resolution", of: resolveKey))"\(form.invalid("resolution", of: resolveKey))></label>\(form.error("resolution", of: resolveKey))<button type="submit">\(t["cp_resolve"])</button></form></td></tr>

                """
        }
        let complaints: HTML = page.complaints.isEmpty ? "<p class=\"notice\">\(t["wb_none"])</p>" : """
              <div class="scroll" tabindex="0"><table id="complaints">
                <thead><tr><th>\(t["cp_complaint"])</th><th>\(t["cp_local_time"].replacingOccurrences(of: "{zone}", with: page.zone.identifier))</th><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["cp_received_by"])</th><th>\(t["cp_category"])</th><th>\(t["cp_description"])</th><th>\(t["cp_assigned_to"])</th><th></th></tr></thead>
                <tbody>
            \(HTML.each(page.complaints, row))    </tbody>
              </table></div>
            """
        func text(_ field: String, _ label: String, required: Bool = false) -> HTML {
            """
            <label>\(t[label]) <input type="text" name="\(field)" value="\(form.value(field, of: "log"))"\(required ? " required" as HTML : "")\(form.invalid(field, of: "log"))></label>\(form.error(field, of: "log"))
            """
        }
        let chosenChannel = form.value("channel", of: "log")
        let channels = HTML.each(NewComplaint.Channel.allCases) { channel in
            "<option value=\"\(channel.rawValue)\"\(channel.rawValue == chosenChannel ? " selected" as HTML : "")>\(t.code(.complaintChannel, channel.rawValue))</option>"
        }
        return layout.page("""
              \(ConsoleForm.nav(t, language: page.lang, current: "/compliance/complaints"))
              <h1>\(t["cp_complaints_title"])</h1>
              \(page.done.map { "<p class=\"notice\" id=\"done\" role=\"status\">\(t[$0])</p>" as HTML } ?? "")
              <h2>\(t["cp_complaints"])</h2>
              \(complaints)
              <h2>\(t["cp_log_complaint"])</h2>
              <form method="post" action="/compliance/complaints?lang=\(page.lang)" id="log-complaint" class="stacked">
                \(csrf)
                \(text("customer_id", "cp_customer_id", required: true))
                \(text("case_id", "cp_case_id"))
                <label>\(t["cp_received_by"]) <select name="channel"\(form.invalid("channel", of: "log"))>\(channels)</select></label>\(form.error("channel", of: "log"))
                \(text("category", "cp_category", required: true))
                \(text("description", "cp_description"))
                <button type="submit">\(t["cp_log_complaint"])</button>
              </form>
            """)
    }
}
