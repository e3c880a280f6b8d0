import ArrearsCore

/// The field visits of a day (`/visits?date=`): the dispatch forms for supervisors, and each visit
/// with its report form (field agents) or cancel form (supervisors), phone-sized.
enum VisitsView {
    static func page(_ page: VisitsPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t), f = page.form
        let layout = Layout.signedIn("\(t["vs_title"]) · \(page.date)", words: t, language: page.lang, csrfToken: csrfToken, role: role,
                                     languageSwitch: "?date=\(page.date)&lang=\(t["switch_language_code"])")
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let dispatch: HTML = !page.canDispatch ? "" : """
              <h2>\(t["vs_dispatch"])</h2>
              <form class="filters" id="dispatch-lookup" method="get" action="/visits">
                <input type="hidden" name="date" value="\(page.date)"><input type="hidden" name="lang" value="\(page.lang)">
                <label>\(t["vs_case_id"]) <input name="case_id" value="\(page.lookup)" maxlength="128"\(f.invalid("case_id", of: "lookup"))></label>
                <button type="submit">\(t["vs_lookup"])</button>\(f.error("case_id", of: "lookup"))
              </form>
              \(page.dispatches.isEmpty ? "<p class=\"notice\" id=\"no-dispatches\">\(t["vs_queue_empty"])</p>" as HTML : "")
              <ol class="visits" id="dispatch-queue">
            \(HTML.each(page.dispatches) { dispatchForm($0, csrf: csrf, language: page.lang, f, t) })  </ol>

            """
        return layout.page(mainClass: "visits", """
              <h1>\(t["vs_title"]) · \(page.date)</h1>
              <form class="filters" id="day-form" method="get" action="/visits">
                <input type="hidden" name="lang" value="\(page.lang)">
                <a href="/visits?date=\(page.previousDate)&amp;lang=\(page.lang)" id="previous-day">&larr;</a>
                <label>\(t["vs_day"]) <input type="date" name="date" value="\(page.date)"></label>
                <button type="submit">\(t["vs_show"])</button>
                <a href="/visits?date=\(page.nextDate)&amp;lang=\(page.lang)" id="next-day">&rarr;</a>
              </form>
              \(f.form.map { f.summary(of: $0, heading: t["wb_error"], id: "visits-error") } ?? "")

            \(dispatch)  \(page.visits.isEmpty ? "<p class=\"notice\" id=\"no-visits\">\(t["vs_none"])</p>" as HTML : "")
              <ol class="visits" id="visits">
            \(HTML.each(page.visits) { visit(page, $0, csrf: csrf, t) })  </ol>
            """)
    }

    private static func visit(_ page: VisitsPageController.Page, _ visit: VisitsPageController.VisitLine, csrf: HTML, _ t: Words) -> HTML {
        let f = page.form, report = "report:" + visit.id, cancel = "cancel:" + visit.id, reveal = "reveal:" + visit.id
        let stop: HTML = visit.stop.map { "\($0). " } ?? ""
        let team: HTML = page.canDispatch ? " · \(t["vs_team"]) \(visit.agentId)" : ""
        let region: HTML = visit.region.map { " · \(t["vs_region"]) \($0)" as HTML } ?? ""
        let address: HTML
        if let revealed = visit.revealed {
            // Shown this once to the visit's team, with the links the phone opens.
            address = """
                <span class="revealed-address">\(revealed.address ?? t["wb_none"])</span>\(region)
                      <p class="visit-links">\(revealed.mapLink.map { "<a class=\"map-link\" href=\"\($0)\">\(t["vs_map"])</a>" as HTML } ?? "")\
                \(revealed.mobile.map { " <a class=\"dial\" href=\"tel:\($0)\">\(t["cs_call"]) \($0)</a>" as HTML } ?? "")</p>
                      <p class="notice">\(t["cs_revealed"])</p>
                """
        } else if visit.reportable {
            address = """
                \(visit.address ?? t["wb_none"])\(region)
                      <details class="reveal"\(f.isRefused(reveal) ? " open" : "")><summary>\(t["vs_reveal"])</summary>
                        <form class="visit-form reveal-form" method="post" action="/visits/\(visit.id)/reveal?lang=\(page.lang)">\(csrf)
                          \(f.input("reason", label: t["cs_reveal_reason"], of: reveal, attributes: " required minlength=\"10\" maxlength=\"500\""))
                          <button type="submit">\(t["vs_reveal"])</button>
                        </form>
                      </details>
                """
        } else {
            address = "\(visit.address ?? t["wb_none"])\(region)"
        }
        let status: HTML = """
            \(t["wb_status"]) <span class="badge status status-\(visit.statusCode)">\(visit.status)</span>\
            \(visit.met.map { " · \(t["vs_met"]) \($0)" as HTML } ?? "")\
            \(visit.followUpTaskId.map { " · \(t["vs_follow_up"]) \($0)" as HTML } ?? "")\
            \(visit.cancelReason.map { " · \(t["vs_cancel_reason"]) <span class=\"cancel-reason\">\($0)</span>" as HTML } ?? "")
            """
        let photos: HTML = visit.photos.isEmpty ? "" : """
            <p class="visit-photos">\(t["vs_photos"])\(HTML.each(visit.photos) { photo in
                " · <a href=\"/visits/\(visit.id)/photos/\(photo.id)\">\(photo.fileName)</a> (\(photo.size))" })</p>
            """
        func met(_ option: String) -> HTML { "<option value=\"\(option)\"\(f.selected("met", option, of: report))>\(t["vs_met_" + option])</option>" }
        func tick(_ name: String, required: Bool) -> HTML {
            "<input type=\"checkbox\" name=\"\(name)\" value=\"on\"\(required ? " required" : "")\(f.checked(name, "on", of: report))\(f.invalid(name, of: report))>"
        }
        let reportHTML: HTML = !visit.reportable ? "" : """
                  <form class="visit-form report-form" method="post" action="/visits/\(visit.id)/report?lang=\(page.lang)" enctype="multipart/form-data">
                    \(csrf)
                    <label>\(t["vs_met"]) <select name="met"\(f.invalid("met", of: report))>\(met("customer"))\(met("family"))\(met("nobody"))</select></label>\(f.error("met", of: report))
                    \(f.input("situation", label: t["vs_situation"], of: report, attributes: " maxlength=\"2000\""))
                    \(f.input("difficulty", label: t["vs_difficulty"], of: report, attributes: " maxlength=\"2000\""))
                    \(f.input("promise_amount", label: "\(t["vs_promise_amount"]) (\(visit.currency))", of: report, attributes: " inputmode=\"decimal\""))
                    \(f.input("promise_due_on", label: t["vs_promise_date"], of: report, attributes: " type=\"date\""))
                    <fieldset class="plan-request"><legend>\(t["vs_plan"])</legend>
                      <label class="check">\(tick("plan_requested", required: false)) \(t["vs_plan_requested"])</label>\(f.error("plan_requested", of: report))
                      <label>\(t["vs_plan_instalments"]) <input type="number" name="plan_instalments" value="\(f.value("plan_instalments", of: report, otherwise: "6"))" min="2" max="60"\(f.invalid("plan_instalments", of: report))></label>\(f.error("plan_instalments", of: report))
                      \(f.input("plan_first_date", label: t["vs_plan_first"], of: report, attributes: " type=\"date\""))
                    </fieldset>
                    <label>\(t["wb_note"]) <textarea name="note" maxlength="2000" rows="2"\(f.invalid("note", of: report))>\(f.value("note", of: report))</textarea></label>\(f.error("note", of: report))
                    <label>\(t["vs_visitors"]) <input type="number" name="visitors" value="\(f.value("visitors", of: report, otherwise: "2"))" min="1" max="10" required\(f.invalid("visitors", of: report))></label>\(f.error("visitors", of: report))
                    <label class="check">\(tick("identification_shown", required: true)) \(t["vs_id_shown"])</label>\(f.error("identification_shown", of: report))
                    <label class="check">\(tick("two_collectors_present", required: true)) \(t["vs_two_collectors"])</label>\(f.error("two_collectors_present", of: report))
                    <p class="notice">\(t["vs_ticks_hint"])</p>
                    \(f.input("override_reason", label: t["vs_override_reason"], of: report, attributes: " maxlength=\"500\""))
                    <label>\(t["vs_photos"]) <input type="file" name="photos[]" accept="image/*" capture="environment" multiple></label>
                    <p class="notice">\(t["vs_photos_hint"])</p>\(f.error("photos", of: report))\(f.error("report", of: report))
                    <button type="submit">\(t["vs_submit"])</button>
                  </form>

            """
        let confirm: HTML = !visit.confirmable ? "" : """
                  <form class="visit-form confirm-form" method="post" action="/visits/\(visit.id)/confirm?lang=\(page.lang)">
                    \(csrf)
                    <p class="notice">\(t["vs_confirm_hint"])</p>\(f.error("confirm", of: "confirm:" + visit.id))
                    <button type="submit">\(t["vs_confirm"])</button>
                  </form>

            """
        let cancelHTML: HTML = !visit.cancellable ? "" : """
                  <form class="visit-form cancel-form" method="post" action="/visits/\(visit.id)/cancel?lang=\(page.lang)">
                    \(csrf)
                    \(f.input("reason", label: t["vs_cancel_reason"], of: cancel, attributes: " required maxlength=\"2000\""))
                    <p class="notice">\(t["vs_cancel_hint"])</p>
                    <button type="submit">\(t["vs_cancel"])</button>
                  </form>

            """
        return """
                <li class="visit" id="visit-\(visit.id)" data-status="\(visit.statusCode)">
                  <p class="visit-head"><strong>\(stop)\(visit.customerName)</strong> · <a href="/work/cases/\(visit.caseId)?lang=\(page.lang)">\(visit.caseId)</a>\(team)</p>
                  <p>\(t["vs_window"]) \(visit.window)</p>
                  <div class="visit-address">\(t["vs_address"]) \(address)</div>
                  <p>\(status)</p>
                  \(photos)
            \(confirm)\(reportHTML)\(cancelHTML)    </li>

            """
    }

    /// The form that dispatches a visit on one case: the team chosen from those that cover the
    /// customer's region, the window typed in the customer's time zone.
    private static func dispatchForm(_ line: VisitsPageController.DispatchLine, csrf: HTML, language: String, _ f: PageForm, _ t: Words) -> HTML {
        let candidate = line.candidate, form = "dispatch:" + candidate.caseId
        let options: HTML = HTML.each(line.teams) { team in
            "<option value=\"\(team.id)\"\(team.id == line.chosen ? " selected" : "")>\(team.name) (\(team.id))</option>"
        }
        let team: HTML = line.teams.isEmpty ? "<p class=\"notice no-team\">\(t["vs_no_team"])</p>" : """
            <label>\(t["vs_team"]) <select name="agent_id" required\(f.invalid("agent_id", of: form))><option value="">\(t["vs_select_team"])</option>\(options)</select></label>\(f.error("agent_id", of: form))
            """
        let region: HTML = candidate.region.map { region -> HTML in " · \(t["vs_region"]) \(region)" } ?? ""
        let task: HTML = candidate.taskId.map { task -> HTML in " · \(t["vs_task"]) \(task)" } ?? ""
        return """
                <li class="visit dispatch" data-case="\(candidate.caseId)">
                  <form class="visit-form dispatch-form" method="post" action="/visits?lang=\(language)">
                    \(csrf)
                    <input type="hidden" name="case_id" value="\(candidate.caseId)">
                    <p class="visit-head"><strong>\(candidate.customerName)</strong> · <a href="/work/cases/\(candidate.caseId)?lang=\(language)">\(candidate.caseId)</a>\(region)\(task) · \(candidate.timeZone)</p>
                    \(team)
                    \(f.input("starts_at", label: t["vs_starts"], of: form, attributes: " type=\"datetime-local\" required"))
                    \(f.input("ends_at", label: t["vs_ends"], of: form, attributes: " type=\"datetime-local\" required"))\(f.error("case_id", of: form))
                    <p class="notice">\(t["vs_window_hint"])</p>
                    <button type="submit"\(line.teams.isEmpty ? " disabled" : "")>\(t["vs_send"])</button>
                  </form>
                </li>

            """
    }
}
