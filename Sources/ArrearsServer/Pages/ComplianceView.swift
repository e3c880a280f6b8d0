import ArrearsCore

/// The compliance console (`/compliance`): today's breaches and overrides, the blocked actions
/// of the latest business date by rule, the open complaints and the flags in force, each line
/// naming the customer's case and linking to it when the reader may open it.
enum ComplianceView {
    static func page(_ page: CompliancePageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["cp_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let none: HTML = "<p class=\"notice\">\(t["wb_none"])</p>"
        func caseCell(_ caseId: String?) -> HTML {
            guard let caseId else { return "<td>–</td>" }
            return page.caseLinks ? "<td><a href=\"/work/cases/\(caseId)?lang=\(page.lang)\">\(caseId)</a></td>" : "<td>\(caseId)</td>"
        }
        let breaches: HTML = page.breaches.isEmpty ? none : """
              <div class="scroll"><table id="breaches">
                <thead><tr><th>\(t["sv_time_local"])</th><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th>\(t["sv_rule"])</th><th>\(t["sv_kind"])</th><th>\(t["sv_actor"])</th><th>\(t["sv_reason"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.breaches) { line in """
                <tr class="\(line.kind)"><td>\(line.localTime)</td>\(caseCell(page.cases[line.customerId]))<td>\(line.customerId)</td><td>\(line.channel)</td><td title="\(line.rule)">\(line.ruleWords)</td><td>\(line.kindWords)</td><td>\(line.actor)</td><td>\(line.reason)</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let blocked = page.blocked
        let byRule = HTML.each(blocked.byRule) { count in
            "<li>\(count.rule.isEmpty ? t["cp_no_rule"] : page.ruleWords(count.rule) ?? count.rule) <strong>\(count.count)</strong></li>"
        }
        let blockedTable: HTML = blocked.actions.isEmpty ? none : """
              <div class="scroll"><table id="blocked">
                <thead><tr><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["cp_treatment"])</th><th>\(t["wb_channel"])</th><th>\(t["sv_rule"])</th><th>\(t["cp_next_allowed"])</th></tr></thead>
                <tbody>
            \(HTML.each(blocked.actions) { action in """
                <tr>\(caseCell(action.caseId))<td>\(action.customerName)</td><td>\(action.treatment)</td><td>\(action.channel)</td><td title="\(action.rule ?? "")">\(action.rule.flatMap(page.ruleWords) ?? action.reason)</td><td>\(action.nextAllowedAt ?? "–")</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let blockedSection: HTML = blocked.businessDate.map { day in """
              <p>\(t["cp_business_date"]) \(day)</p>
              <ul id="blocked-by-rule">\(byRule)</ul>
            \(blockedTable)
            """ } ?? "<p class=\"notice\">\(t["cp_no_runs"])</p>"
        let complaints: HTML = page.complaints.isEmpty ? none : """
              <div class="scroll"><table id="complaints">
                <thead><tr><th>\(t["cp_complaint"])</th><th>\(t["cp_opened"])</th><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th>\(t["cp_category"])</th><th>\(t["cp_description"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.complaints) { complaint in """
                <tr><td>\(complaint.id)</td><td>\(complaint.openedAt)</td>\(caseCell(complaint.caseId ?? page.cases[complaint.customerId]))<td>\(complaint.customerId)</td><td>\(complaint.channel)</td><td>\(complaint.category)</td><td>\(complaint.description)</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let flags: HTML = page.flags.isEmpty ? none : """
              <div class="scroll"><table id="flags">
                <thead><tr><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["cp_flag"])</th><th>\(t["wb_channel"])</th><th>\(t["cp_from"])</th><th>\(t["cp_until"])</th><th>\(t["cp_note"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.flags) { line in """
                <tr>\(caseCell(line.caseId))<td>\(line.customerName)</td><td>\(line.flag.flag)</td><td>\(line.flag.channel ?? "–")</td><td>\(line.flag.startsOn ?? "–")</td><td>\(line.flag.endsOn ?? "–")</td><td>\(line.flag.note)</td></tr>

            """ })    </tbody>
              </table></div>
            """
        return layout.page("""
              <h1>\(t["cp_title"]) · \(page.today)</h1>
              <p class="notice">\(t["cp_limit"].replacingOccurrences(of: "{limit}", with: String(CompliancePageController.limit)))</p>

              <h2>\(t["sv_breaches"])</h2>
              \(breaches)

              <h2>\(t["cp_blocked"])</h2>
            \(blockedSection)

              <h2>\(t["cp_complaints"])</h2>
              \(complaints)

              <h2>\(t["cp_flags"])</h2>
              \(flags)
            """)
    }
}
