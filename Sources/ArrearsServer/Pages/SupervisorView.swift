import ArrearsCore

/// The supervisor's page (`/supervisor`): arrangements to approve, promises due and broken, the
/// team's workload and the open tasks to move.
enum SupervisorView {
    static func page(_ page: SupervisorPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["sv_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let none: HTML = "<p>\(t["wb_none"])</p>"
        let approvals: HTML = page.approvals.isEmpty ? none : """
              <div class="scroll"><table id="approvals">
                <thead><tr><th>\(t["wb_customer"])</th><th>\(t["wb_accounts"])</th><th>\(t["sv_kind"])</th><th class="num">\(t["wb_amount"])</th><th>\(t["sv_terms"])</th><th>\(t["wb_arr_needs"])</th><th>\(t["sv_proposed_by"])</th><th></th></tr></thead>
                <tbody>
            \(HTML.each(page.approvals) { approval in
                let a = approval.arrangement
                let beyond: HTML = approval.ownProposal ? " (\(t["sv_own_proposal"]))" : approval.withinMyAuthority ? "" : " (\(t["sv_beyond_mine"]))"
                return """
                      <tr id="approval-\(a.id)">
                        <td>\(a.customerId)</td><td>\(a.accountId)</td><td>\(a.kind)</td>
                        <td class="num">\(a.amount) \(a.currency)</td><td>\(approval.terms)\(a.reason.map { " · \($0)" as HTML } ?? "")</td>
                        <td>\(a.requiredRole)\(beyond)</td>
                        <td>\(a.proposedBy) · \(a.proposedOn)</td>
                        <td class="decide">
                          <form method="post" action="/supervisor/arrangements/\(a.id)/approve">\(csrf)<input name="note" maxlength="2000" placeholder="\(t["wb_note"])"><button type="submit">\(t["sv_approve"])</button></form>
                          <form method="post" action="/supervisor/arrangements/\(a.id)/reject">\(csrf)<input name="note" maxlength="2000" required placeholder="\(t["sv_reject_reason"])"><button type="submit">\(t["sv_reject"])</button></form>
                        </td>
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
        let agentOptions = HTML.each(page.agents) { "<option value=\"\($0.agentId)\">\($0.name)</option>" }
        let tasks = HTML.each(page.tasks) { task in """
                  <tr><td><a href="/work/cases/\(task.caseId)">\(task.caseId)</a></td><td>\(task.customerName)</td><td class="num">\(task.dpd)</td><td>\(task.assignedTo)</td>
                    <td><form method="post" action="/supervisor/tasks/\(task.id)/reassign">\(csrf)
                      <select name="agent_id">\(agentOptions)</select>
                      <button type="submit">\(t["sv_move"])</button></form></td></tr>

            """ }
        let breaches: HTML = page.breaches.isEmpty ? none : """
              <div class="scroll"><table id="breaches">
                <thead><tr><th>\(t["sv_time_local"])</th><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th>\(t["sv_rule"])</th><th>\(t["sv_kind"])</th><th>\(t["sv_actor"])</th><th>\(t["sv_reason"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.breaches) { line in """
                <tr class="\(line.kind)"><td>\(line.localTime)</td><td>\(line.customerId)</td><td>\(line.channel)</td><td title="\(line.rule)">\(line.ruleWords)</td><td>\(line.kindWords)</td><td>\(line.actor)</td><td>\(line.reason)</td></tr>

            """ })    </tbody>
              </table></div>
            """
        return layout.page("""
              <h1>\(t["sv_title"]) · \(page.today)</h1>
              \(page.error.map { "<p class=\"notice\" id=\"supervisor-error\">\(t["sv_refused"]): \($0)</p>" as HTML } ?? "")

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
              <div class="scroll"><table id="workload">
                <thead><tr><th>\(t["sv_agent"])</th><th class="num">\(t["sv_open_tasks"])</th></tr></thead>
                <tbody>\(HTML.each(page.agents) { "<tr><td>\($0.name) (\($0.agentId))</td><td class=\"num\">\($0.openTasks)</td></tr>" })</tbody>
              </table></div>

              <h2>\(t["sv_reassign"])</h2>
              <div class="scroll"><table id="open-tasks">
                <thead><tr><th>\(t["wb_case_title"])</th><th>\(t["wb_customer"])</th><th class="num">\(t["wb_dpd"])</th><th>\(t["sv_agent"])</th><th></th></tr></thead>
                <tbody>
            \(tasks)    </tbody>
              </table></div>
            """)
    }
}
