import ArrearsCore

/// The compliance console (`/compliance`): the links to its other pages, the period form, the
/// breaches and overrides, the blocked actions by rule (each count a link to its list), the open
/// complaints and the flags in force, each line naming the customer's case and linking to it
/// when the reader may open it. Codes are shown in the page's words.
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
              <div class="scroll" tabindex="0"><table id="breaches">
                <thead><tr><th>\(t["sv_time_local"])</th><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th>\(t["sv_rule"])</th><th>\(t["sv_kind"])</th><th>\(t["sv_actor"])</th><th>\(t["sv_reason"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.breaches) { line in """
                <tr class="\(line.kind)"><td title="\(line.occurredAt)">\(line.localTime)</td>\(caseCell(page.cases[line.customerId]))<td>\(line.customerId)</td><td>\(t.code(.channel, line.channel))</td><td title="\(line.rule)">\(line.ruleWords)</td><td>\(line.kindWords)</td><td>\(line.actor)</td><td>\(line.reason)</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let blocked = page.blocked
        let period = "from=\(blocked.from ?? "")&to=\(blocked.to ?? "")"
        let byRule = HTML.each(blocked.byRule) { count in
            let words = count.rule.isEmpty ? t["cp_no_rule"] : page.ruleWords(count.rule) ?? count.rule
            let href = "/compliance?lang=\(page.lang)&\(period)&rule=\(count.rule)"
            return count.rule == page.rule ? "<li><strong>\(words) \(count.count)</strong></li>" : "<li><a href=\"\(href)\">\(words) <strong>\(count.count)</strong></a></li>"
        }
        let allRules: HTML = page.rule == nil ? "" : "<li><a href=\"\("/compliance?lang=\(page.lang)&\(period)")\">\(t["cp_all_rules"])</a></li>"
        let blockedTable: HTML = blocked.actions.isEmpty ? none : """
              <div class="scroll" tabindex="0"><table id="blocked">
                <thead><tr><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["cp_treatment"])</th><th>\(t["wb_channel"])</th><th>\(t["sv_rule"])</th><th>\(t["cp_next_allowed"]) · \(page.zone.identifier)</th></tr></thead>
                <tbody>
            \(HTML.each(blocked.actions) { action in """
                <tr>\(caseCell(action.caseId))<td>\(action.customerName)</td><td>\(t.code(.treatment, action.treatment))</td><td>\(t.code(.channel, action.channel))</td><td title="\(action.rule ?? "")">\(action.rule.flatMap(page.ruleWords) ?? action.reason)</td><td>\(ConsoleForm.localTime(action.nextAllowedAt, in: page.zone))</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let blockedSection: HTML = blocked.businessDate.map { _ in """
              <p id="blocked-period">\(t["cp_blocked_period"].replacingOccurrences(of: "{from}", with: blocked.from ?? "").replacingOccurrences(of: "{to}", with: blocked.to ?? ""))</p>
              <ul id="blocked-by-rule">\(byRule)\(allRules)</ul>
            \(blockedTable)
            """ } ?? "<p class=\"notice\">\(t["cp_no_runs"])</p>"
        let complaints: HTML = page.complaints.isEmpty ? none : """
              <div class="scroll" tabindex="0"><table id="complaints">
                <thead><tr><th>\(t["cp_complaint"])</th><th>\(t["cp_opened"]) · \(page.zone.identifier)</th><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th>\(t["cp_category"])</th><th>\(t["cp_description"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.complaints) { complaint in """
                <tr><td>\(complaint.id)</td><td>\(ConsoleForm.localTime(complaint.openedAt, in: page.zone))</td>\(caseCell(complaint.caseId ?? page.cases[complaint.customerId]))<td>\(complaint.customerId)</td><td>\(t.code(.complaintChannel, complaint.channel))</td><td>\(complaint.category)</td><td>\(complaint.description)</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let flags: HTML = page.flags.isEmpty ? none : """
              <div class="scroll" tabindex="0"><table id="flags">
                <thead><tr><th>\(t["cp_case"])</th><th>\(t["wb_customer"])</th><th>\(t["cp_flag"])</th><th>\(t["wb_channel"])</th><th>\(t["cp_from"])</th><th>\(t["cp_until"])</th><th>\(t["cp_note"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.flags) { line in """
                <tr>\(caseCell(line.caseId))<td>\(line.customerName)</td><td>\(t.code(.flag, line.flag.flag))</td><td>\(line.flag.channel.map { t.code(.channel, $0) } ?? "–")</td><td>\(line.flag.startsOn ?? "–")</td><td>\(line.flag.endsOn ?? "–")</td><td>\(line.flag.note.map { CodeCatalogue.note($0, t) })</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let form = page.form
        let breachesHeading = page.breachesOfPeriod
            ? t["cp_breaches_period"].replacingOccurrences(of: "{from}", with: blocked.from ?? page.from).replacingOccurrences(of: "{to}", with: blocked.to ?? page.to)
            : t["cp_breaches_today"]
        return layout.page("""
              \(ConsoleForm.nav(t, language: page.lang, current: "/compliance"))
              <h1>\(t["cp_title"]) · \(page.today)</h1>
              <form method="get" action="/compliance" id="period" class="inline">
                <input type="hidden" name="lang" value="\(page.lang)">
                <label>\(t["cp_period_from"]) <input type="date" name="from" value="\(form.value("from", of: "period"))"\(form.invalid("from", of: "period"))></label>\(form.error("from", of: "period"))
                <label>\(t["cp_period_to"]) <input type="date" name="to" value="\(form.value("to", of: "period"))"\(form.invalid("to", of: "period"))></label>\(form.error("to", of: "period"))
                <button type="submit">\(t["cp_show"])</button>
              </form>
              <p class="notice">\(t["cp_limit"].replacingOccurrences(of: "{limit}", with: String(CompliancePageController.limit)))</p>

              <h2>\(breachesHeading)</h2>
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
