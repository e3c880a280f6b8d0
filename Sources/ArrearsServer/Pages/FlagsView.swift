import ArrearsCore

/// `/compliance/flags`: the form to add a flag, then the flags in force today, each with the
/// form to end it with its evidence.
enum FlagsView {
    static func page(_ page: FlagsPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["cp_flags_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let form = page.form
        func text(_ field: String, _ label: String, type: String = "text", required: Bool = false) -> HTML {
            """
            <label>\(t[label]) <input type="\(type)" name="\(field)" value="\(form.value(field, of: "add"))"\(required ? " required" as HTML : "")\(form.invalid(field, of: "add"))></label>\(form.error(field, of: "add"))
            """
        }
        let chosenFlag = form.value("flag", of: "add"), chosenChannel = form.value("channel", of: "add")
        let kinds = HTML.each(CustomerFlag.Kind.allCases) { kind in
            "<option value=\"\(kind.rawValue)\"\(kind.rawValue == chosenFlag ? " selected" as HTML : "")>\(t.code(.flag, kind.rawValue))</option>"
        }
        let channels = HTML.each(ContactChannel.allCases) { channel in
            "<option value=\"\(channel.rawValue)\"\(channel.rawValue == chosenChannel ? " selected" as HTML : "")>\(t.code(.channel, channel.rawValue))</option>"
        }
        let addForm: HTML = """
              <form method="post" action="/compliance/flags?lang=\(page.lang)" id="add-flag" class="stacked">
                \(csrf)
                \(text("customer_id", "cp_customer_id", required: true))
                <label>\(t["cp_flag"]) <select name="flag"\(form.invalid("flag", of: "add"))>\(kinds)</select></label>\(form.error("flag", of: "add"))
                <label>\(t["wb_channel"]) <select name="channel"\(form.invalid("channel", of: "add"))><option value="">\(t["cp_channel_all"])</option>\(channels)</select></label>\(form.error("channel", of: "add"))
                \(text("from", "cp_from", type: "date"))
                \(text("until", "cp_until", type: "date"))
                \(text("value", "cp_value"))
                \(text("note", "cp_evidence"))
                <button type="submit">\(t["cp_add_flag"])</button>
              </form>
            """
        func caseCell(_ caseId: String?) -> HTML {
            guard let caseId else { return "<td>–</td>" }
            return page.caseLinks ? "<td><a href=\"/work/cases/\(caseId)?lang=\(page.lang)\">\(caseId)</a></td>" : "<td>\(caseId)</td>"
        }
        let flags: HTML = page.flags.isEmpty ? "<p class=\"notice\">\(t["wb_none"])</p>" : """
              <div class="scroll" tabindex="0"><table id="flags">
                <thead><tr><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["cp_flag"])</th><th>\(t["wb_channel"])</th><th>\(t["cp_from"])</th><th>\(t["cp_until"])</th><th>\(t["cp_recorded_note"])</th><th>\(t["cp_end_flag"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.flags) { line in
                let key = "end:\(line.flag.id)"
                return """
                <tr id="flag-\(line.flag.id)">\(caseCell(line.caseId))<td>\(line.customerName) (\(line.customerId))</td><td>\(t.code(.flag, line.flag.flag))</td><td>\(line.flag.channel.map { t.code(.channel, $0) } ?? "–")</td><td>\(line.flag.startsOn ?? "–")</td><td>\(line.flag.endsOn ?? "–")</td><td>\(line.flag.note.map { CodeCatalogue.note($0, t) })</td>
                  <td><form method="post" action="/compliance/flags/\(line.flag.id)/end?lang=\(page.lang)" class="inline">\(csrf)<label>\(t["cp_evidence"]) <input type="text" name="evidence" required value="\(form.value("evidence", of: key))"\(form.invalid("evidence", of: key))></label>\(form.error("evidence", of: key))<button type="submit">\(t["cp_end"])</button></form></td></tr>

                """
            })    </tbody>
              </table></div>
            """
        return layout.page("""
              \(ConsoleForm.nav(t, language: page.lang, current: "/compliance/flags"))
              <h1>\(t["cp_flags_title"]) · \(page.today)</h1>
              \(page.done.map { "<p class=\"notice\" id=\"done\" role=\"status\">\(t[$0])</p>" as HTML } ?? "")
              <h2>\(t["cp_flags"])</h2>
              \(flags)
              <h2>\(t["cp_add_flag"])</h2>
            \(addForm)
            """)
    }
}
