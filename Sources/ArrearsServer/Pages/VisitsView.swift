import ArrearsCore

/// The field visits of a day (`/visits?date=`): the dispatch forms for supervisors, and each visit
/// with its report form (field agents) or cancel form (supervisors), phone-sized.
enum VisitsView {
    static func page(_ page: VisitsPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn("\(t["vs_title"]) · \(page.date)", words: t, language: page.lang, csrfToken: csrfToken, role: role,
                                     languageSwitch: "?date=\(page.date)&lang=\(t["switch_language_code"])")
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let dispatch: HTML = !page.canDispatch ? "" : """
              <h2>\(t["vs_dispatch"])</h2>
              <form class="filters" id="dispatch-lookup" method="get" action="/visits">
                <input type="hidden" name="date" value="\(page.date)"><input type="hidden" name="lang" value="\(page.lang)">
                <label>\(t["vs_case_id"]) <input name="case_id" value="\(page.lookup)" maxlength="128"></label>
                <button type="submit">\(t["vs_lookup"])</button>
              </form>
              \(page.dispatches.isEmpty ? "<p class=\"notice\" id=\"no-dispatches\">\(t["vs_queue_empty"])</p>" as HTML : "")
              <ol class="visits" id="dispatch-queue">
            \(HTML.each(page.dispatches) { dispatchForm($0, csrf: csrf, language: page.lang, t) })  </ol>

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
              \(page.error.map { "<p class=\"notice\" id=\"visits-error\">\(t["wb_error"]): \($0)</p>" as HTML } ?? "")

            \(dispatch)  \(page.visits.isEmpty ? "<p class=\"notice\" id=\"no-visits\">\(t["vs_none"])</p>" as HTML : "")
              <ol class="visits" id="visits">
            \(HTML.each(page.visits) { visit(page, $0, csrf: csrf, t) })  </ol>
            """)
    }

    private static func visit(_ page: VisitsPageController.Page, _ visit: VisitsPageController.VisitLine, csrf: HTML, _ t: Words) -> HTML {
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
                      <details class="reveal"><summary>\(t["vs_reveal"])</summary>
                        <form class="visit-form reveal-form" method="post" action="/visits/\(visit.id)/reveal?lang=\(page.lang)">\(csrf)
                          <label>\(t["cs_reveal_reason"]) <input name="reason" required minlength="10" maxlength="500"></label>
                          <button type="submit">\(t["vs_reveal"])</button>
                        </form>
                      </details>
                """
        } else {
            address = "\(visit.address ?? t["wb_none"])\(region)"
        }
        let status: HTML = """
            \(t["wb_status"]) <span class="status-\(visit.statusCode)">\(visit.status)</span>\
            \(visit.met.map { " · \(t["vs_met"]) \($0)" as HTML } ?? "")\
            \(visit.followUpTaskId.map { " · \(t["vs_follow_up"]) \($0)" as HTML } ?? "")\
            \(visit.cancelReason.map { " · \(t["vs_cancel_reason"]) <span class=\"cancel-reason\">\($0)</span>" as HTML } ?? "")
            """
        let photos: HTML = visit.photos.isEmpty ? "" : """
            <p class="visit-photos">\(t["vs_photos"])\(HTML.each(visit.photos) { photo in
                " · <a href=\"/visits/\(visit.id)/photos/\(photo.id)\">\(photo.fileName)</a> (\(photo.size))" })</p>
            """
        let report: HTML = !visit.reportable ? "" : """
                  <form class="visit-form report-form" method="post" action="/visits/\(visit.id)/report?lang=\(page.lang)" enctype="multipart/form-data">
                    \(csrf)
                    <label>\(t["vs_met"]) <select name="met"><option value="customer">\(t["vs_met_customer"])</option><option value="family">\(t["vs_met_family"])</option><option value="nobody">\(t["vs_met_nobody"])</option></select></label>
                    <label>\(t["vs_situation"]) <input name="situation" maxlength="2000"></label>
                    <label>\(t["vs_difficulty"]) <input name="difficulty" maxlength="2000"></label>
                    <label>\(t["vs_promise_amount"]) (\(visit.currency)) <input name="promise_amount" inputmode="decimal"></label>
                    <label>\(t["vs_promise_date"]) <input type="date" name="promise_due_on"></label>
                    <fieldset class="plan-request"><legend>\(t["vs_plan"])</legend>
                      <label class="check"><input type="checkbox" name="plan_requested" value="on"> \(t["vs_plan_requested"])</label>
                      <label>\(t["vs_plan_instalments"]) <input type="number" name="plan_instalments" value="6" min="2" max="60"></label>
                      <label>\(t["vs_plan_first"]) <input type="date" name="plan_first_date"></label>
                    </fieldset>
                    <label>\(t["wb_note"]) <textarea name="note" maxlength="2000" rows="2"></textarea></label>
                    <label>\(t["vs_visitors"]) <input type="number" name="visitors" value="2" min="1" max="10" required></label>
                    <label class="check"><input type="checkbox" name="identification_shown" value="on" required> \(t["vs_id_shown"])</label>
                    <label class="check"><input type="checkbox" name="two_collectors_present" value="on" required> \(t["vs_two_collectors"])</label>
                    <p class="notice">\(t["vs_ticks_hint"])</p>
                    <label>\(t["vs_override_reason"]) <input name="override_reason" maxlength="500"></label>
                    <label>\(t["vs_photos"]) <input type="file" name="photos[]" accept="image/*" capture="environment" multiple></label>
                    <p class="notice">\(t["vs_photos_hint"])</p>
                    <button type="submit">\(t["vs_submit"])</button>
                  </form>

            """
        let confirm: HTML = !visit.confirmable ? "" : """
                  <form class="visit-form confirm-form" method="post" action="/visits/\(visit.id)/confirm?lang=\(page.lang)">
                    \(csrf)
                    <p class="notice">\(t["vs_confirm_hint"])</p>
                    <button type="submit">\(t["vs_confirm"])</button>
                  </form>

            """
        let cancel: HTML = !visit.cancellable ? "" : """
                  <form class="visit-form cancel-form" method="post" action="/visits/\(visit.id)/cancel?lang=\(page.lang)">
                    \(csrf)
                    <label>\(t["vs_cancel_reason"]) <input name="reason" required maxlength="2000"></label>
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
            \(confirm)\(report)\(cancel)    </li>

            """
    }

    /// The form that dispatches a visit on one case: the team chosen from those that cover the
    /// customer's region, the window typed in the customer's time zone.
    private static func dispatchForm(_ line: VisitsPageController.DispatchLine, csrf: HTML, language: String, _ t: Words) -> HTML {
        let candidate = line.candidate
        let options: HTML = HTML.each(line.teams) { team in
            "<option value=\"\(team.id)\"\(team.id == line.chosen ? " selected" : "")>\(team.name) (\(team.id))</option>"
        }
        let team: HTML = line.teams.isEmpty ? "<p class=\"notice no-team\">\(t["vs_no_team"])</p>" : """
            <label>\(t["vs_team"]) <select name="agent_id" required><option value="">\(t["vs_select_team"])</option>\(options)</select></label>
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
                    <label>\(t["vs_starts"]) <input type="datetime-local" name="starts_at" required></label>
                    <label>\(t["vs_ends"]) <input type="datetime-local" name="ends_at" required></label>
                    <p class="notice">\(t["vs_window_hint"])</p>
                    <button type="submit"\(line.teams.isEmpty ? " disabled" : "")>\(t["vs_send"])</button>
                  </form>
                </li>

            """
    }
}
