import ArrearsCore

/// The supervisor's page (`/supervisor`): arrangements to approve, promises due and broken, the
/// team's workload and the open tasks to move.
enum SupervisorView {
    static func page(_ page: SupervisorPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t), f = page.form
        let layout = Layout.signedIn(t["sv_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let none: HTML = "<p>\(t["wb_none"])</p>"
        // The decision comes right after who and how much, so its buttons stay in view at 1366 px.
        let approvals: HTML = page.approvals.isEmpty ? none : """
              <div class="scroll" tabindex="0"><table id="approvals">
                <thead><tr><th>\(t["wb_customer"])</th><th class="num">\(t["wb_dpd"])</th><th class="num">\(t["wb_amount"])</th><th>\(t["sv_decide"])</th><th>\(t["sv_kind"]) · \(t["sv_terms"])</th><th>\(t["wb_arr_needs"])</th><th>\(t["sv_proposed_by"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.approvals) { approval in
                let a = approval.arrangement
                let beyond: HTML = approval.ownProposal ? " (\(t["sv_own_proposal"]))" : approval.withinMyAuthority ? "" : " (\(t["sv_beyond_mine"]))"
                let approve = "approve:" + a.id, reject = "reject:" + a.id
                let customer: HTML = approval.caseId.map { "<a href=\"/work/cases/\($0)?lang=\(page.lang)\">\(approval.customerName)</a>" } ?? "\(approval.customerName)"
                return """
                      <tr id="approval-\(a.id)">
                        <td>\(customer)<br><small>\(a.accountId)</small></td><td class="num">\(approval.dpd.map(String.init) ?? "–")</td>
                        <td class="num">\(a.amount) \(a.currency)</td>
                        <td class="decide">
                          <form method="post" action="/supervisor/arrangements/\(a.id)/approve?lang=\(page.lang)">\(csrf)<input name="note" maxlength="2000" size="14" placeholder="\(t["wb_note"])" aria-label="\(t["wb_note"])" value="\(f.value("note", of: approve))"\(f.invalid("note", of: approve))><button type="submit">\(t["sv_approve"])</button>\(f.error("note", of: approve))</form>
                          <form method="post" action="/supervisor/arrangements/\(a.id)/reject?lang=\(page.lang)">\(csrf)<input name="note" maxlength="2000" size="14" required placeholder="\(t["sv_reject_reason"])" aria-label="\(t["sv_reject_reason"])" value="\(f.value("note", of: reject))"\(f.invalid("note", of: reject))>\(f.error("note", of: reject))<label><input type="checkbox" name="confirm" value="yes" required\(f.checked("confirm", "yes", of: reject))\(f.invalid("confirm", of: reject))> \(t["sv_confirm_reject"])</label>\(f.error("confirm", of: reject))<button type="submit">\(t["sv_reject"])</button></form>
                        </td>
                        <td>\(a.kind) · \(approval.terms)\(a.reason.map { " · \($0)" as HTML } ?? "")</td>
                        <td>\(t["role_" + a.requiredRole])\(beyond)</td>
                        <td>\(a.proposedBy) · \(a.proposedOn)</td>
                      </tr>

                    """ })    </tbody>
              </table></div>
            """
        let dueToday = HTML.each(page.dueToday) { promise in
            "<li><a href=\"/work/cases/\(promise.caseId)\">\(promise.caseId)</a> · \(promise.customerName) · \(promise.amount) \(promise.currency)</li>"
        }
        let broken = HTML.each(page.broken) { promise in
            "<li><a href=\"/work/cases/\(promise.caseId)\">\(promise.caseId)</a> · \(promise.customerName) · \(promise.amount) \(promise.currency) · \(t["wb_due_on"]) \(promise.dueOn)\(promise.paid.map { " · \(t["sv_paid"]) \($0)" as HTML } ?? "")</li>"
        }
        // Each task offers only the agents of its channel, the task's own agent selected.
        let tasks = HTML.each(page.tasks) { task in
            let agents = page.agents.filter { $0.channels.contains(task.channel) || $0.agentId == task.assignedTo }
            let move = "reassign:" + task.id, chosen = f.value("agent_id", of: move, otherwise: task.assignedTo)
            let options = HTML.each(agents) { agent in
                "<option value=\"\(agent.agentId)\"\(agent.agentId == chosen ? " selected" : "")>\(agent.name) (\(agent.agentId))</option>"
            }
            return """
                  <tr><td><a href="/work/cases/\(task.caseId)?lang=\(page.lang)">\(task.caseId)</a></td><td>\(task.customerName)</td><td class="num">\(task.dpd)</td><td>\(Words(table: page.t).code(.channel, task.channel.rawValue))</td><td>\(task.assignedTo)</td>
                    <td><form method="post" action="/supervisor/tasks/\(task.id)/reassign?lang=\(page.lang)">\(csrf)
                      <select name="agent_id" aria-label="\(t["sv_agent"])"\(f.invalid("agent_id", of: move))>\(options)</select>
                      <button type="submit">\(t["sv_move"])</button>\(f.error("agent_id", of: move))</form></td></tr>

            """ }
        let agentChoices = HTML.each(page.agents) { agent in
            "<option value=\"\(agent.agentId)\"\(agent.agentId == page.agentFilter ? " selected" : "")>\(agent.name) (\(agent.agentId))</option>"
        }
        let channelChoices = HTML.each(page.channels) { channel in
            "<option value=\"\(channel.code)\"\(channel.code == page.channelFilter ? " selected" : "")>\(channel.words)</option>"
        }
        let filters: HTML = """
              <form class="filters" id="task-filters" method="get" action="/supervisor#open-tasks">
                <input type="hidden" name="lang" value="\(page.lang)">
                <label>\(t["sv_agent"]) <select name="agent"><option value="">\(t["sv_all_agents"])</option>\(agentChoices)</select></label>
                <label>\(t["wb_channel"]) <select name="channel"><option value="">\(t["sv_all_channels"])</option>\(channelChoices)</select></label>
                <button type="submit">\(t["sv_show"])</button>
              </form>
            """
        let reviews: HTML = page.reviews.isEmpty ? none : HTML.each(page.reviews) { line in
            let review = "review:" + line.id
            let check = { (name: String) -> HTML in "<label><input type=\"checkbox\" name=\"\(name)\" value=\"yes\"\(f.checked("checks", name, of: review))> \(t["sv_" + name])</label>" }
            return """
                  <form class="quality-review" id="review-\(line.id)" method="post" action="/supervisor/quality-reviews?lang=\(page.lang)">\(csrf)
                    <input type="hidden" name="contact_attempt_id" value="\(line.id)">
                    <p><strong>\(line.customerName)</strong> · \(line.channel) · \(line.outcome) · \(line.localTime) · \(t["sv_recorded_by"]) \(line.recordedBy)\(line.note.map { " · \($0)" as HTML } ?? "")</p>
                    \(check("identity_checked")) \(check("disclosures_made")) \(check("respectful_tone")) \(check("no_threats")) \(check("correct_outcome"))
                    <input name="note" maxlength="2000" size="20" placeholder="\(t["wb_note"])" aria-label="\(t["wb_note"])" value="\(f.value("note", of: review))"\(f.invalid("note", of: review))><button type="submit">\(t["sv_review"])</button>\(f.error("note", of: review))\(f.error("review", of: review))
                  </form>

            """ }
        let appraisal: HTML = page.appraisal.isEmpty ? none : """
              <div class="scroll" tabindex="0"><table id="appraisal">
                <thead><tr><th>\(t["sv_agent"])</th><th>\(t["currency"])</th><th class="num">\(t["cases"])</th><th class="num">\(t["recovered"])</th><th class="num">\(t["recovery_rate"])</th><th class="num">\(t["rpc_rate"])</th><th class="num">\(t["kept_rate"])</th><th class="num">\(t["complaint_rate"])</th><th class="num">\(t["sv_quality_score"]) (\(t["sv_reviews"]))</th></tr></thead>
                <tbody>\(HTML.each(page.appraisal) { line in
                    "<tr data-collector=\"\(line.group)\"><td>\(line.group)</td><td>\(line.currency)</td><td class=\"num\">\(line.cases)</td><td class=\"num\">\(line.recovered)</td><td class=\"num\">\(line.recoveryRate)</td><td class=\"num\">\(line.rpcRate)</td><td class=\"num\">\(line.keptRate)</td><td class=\"num\">\(line.complaintRate)</td><td class=\"num quality\">\(line.quality)</td></tr>"
                })</tbody>
              </table></div>
            """
        let breaches: HTML = page.breaches.isEmpty ? none : """
              <div class="scroll" tabindex="0"><table id="breaches">
                <thead><tr><th>\(t["sv_time_local"])</th><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th>\(t["sv_rule"])</th><th>\(t["sv_kind"])</th><th>\(t["sv_actor"])</th><th>\(t["sv_reason"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.breaches) { line in """
                <tr class="\(line.kind)"><td>\(line.localTime)</td><td>\(line.customerId)</td><td>\(line.channel)</td><td title="\(line.rule)">\(line.ruleWords)</td><td>\(line.kindWords)</td><td>\(line.actor)</td><td>\(line.reason)</td></tr>

            """ })    </tbody>
              </table></div>
            """
        return layout.page("""
              <h1>\(t["sv_title"]) · \(page.today)</h1>
              \(f.form.map { f.summary(of: $0, heading: t["sv_refused"], id: "supervisor-error") } ?? "")

              <h2>\(t["sv_breaches"])</h2>
              \(breaches)

              <h2>\(t["sv_approvals"])</h2>
              \(approvals)

              <h2>\(t["sv_due_today"])</h2>
              <ul id="promises-due">
              \(dueToday)
              </ul>
              \(page.dueToday.isEmpty ? none : "")

              <h2>\(t["sv_broken"])</h2>
              <ul id="promises-broken">
              \(broken)
              </ul>
              \(page.broken.isEmpty ? none : "")

              <h2>\(t["sv_workload"])</h2>
              <div class="scroll" tabindex="0"><table id="workload">
                <thead><tr><th>\(t["sv_agent"])</th><th class="num">\(t["sv_open_tasks"])</th></tr></thead>
                <tbody>\(HTML.each(page.agents) { "<tr><td>\($0.name) (\($0.agentId))</td><td class=\"num\">\($0.openTasks)</td></tr>" })</tbody>
              </table></div>

              <h2 id="open-tasks">\(t["sv_reassign"])</h2>
            \(filters)
              <div class="scroll" tabindex="0"><table id="open-task-list">
                <thead><tr><th>\(t["wb_case_title"])</th><th>\(t["wb_customer"])</th><th class="num">\(t["wb_dpd"])</th><th>\(t["wb_channel"])</th><th>\(t["sv_agent"])</th><th></th></tr></thead>
                <tbody>
            \(tasks)    </tbody>
              </table></div>
              <p>\(t["sv_dispatch_visits"]) <a href="/visits?lang=\(page.lang)#dispatch">\(t["sv_to_visits"])</a></p>

              <h2 id="quality">\(t["sv_quality"])</h2>
              <p>\(t["sv_quality_intro"])</p>
            \(reviews)
              <h2>\(t["sv_appraisal"])</h2>
              <p>\(page.appraisalFrom) – \(page.today) · \(t["sv_appraisal_intro"])</p>
            \(appraisal)
            """)
    }
}
