import ArrearsCore

/// The legal officer's pages: the list of legal cases by stage (`/legal`), one legal case with
/// its stages, costs, documents and forms (`/legal/:id`), and a demand letter alone, to print
/// (`/legal/:id/letters/:doc`).
enum LegalViews {
    static func list(_ page: LegalPageController.ListPage, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["lg_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let current: HTML = " aria-current=\"page\""
        let stages = HTML.each(page.stages) { link in
            " · <a href=\"/legal?stage=\(link.stage)&lang=\(page.lang)\"\(link.current ? current : "")>\(link.name) (\(link.count))</a>"
        }
        let opensCases = RoleMenu.opensCases(role)
        let cases: HTML = page.cases.isEmpty ? "<p>\(t["lg_none"])</p>" : """

              <div class="scroll" tabindex="0"><table id="legal-cases">
                <thead><tr><th>\(t["lg_case_title"])</th><th>\(t["lg_customer"])</th><th>\(t["lg_stage"])</th><th>\(t["lg_since"])</th><th class="num">\(t["lg_overdue"])</th><th class="num">\(t["lg_outstanding"])</th><th>\(t["lg_next_step"])</th><th>\(t["lg_allowed_from"])</th><th>\(t["lg_court"])</th><th>\(t["lg_court_case_number"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.cases) { line in """
                  <tr data-legal-case="\(line.id)"><td><a href="/legal/\(line.id)?lang=\(page.lang)">\(line.id)</a><br><small>\(line.caseId)</small></td><td>\(line.customerName)</td><td>\(line.stage)</td><td>\(line.stageOn)</td><td class="num">\(line.overdue)</td><td class="num">\(line.outstanding)</td><td>\(line.nextStep ?? t["lg_only_closing"])</td><td class="next-on">\(line.nextOn)\(line.heldBy.map { " · \($0)" as HTML } ?? "")</td><td>\(line.court)</td><td>\(line.courtCaseNumber)</td></tr>

                """ })    </tbody>
              </table></div>
            """
        let reviews: HTML = page.reviews.isEmpty ? "<p>\(t["lg_no_reviews"])</p>" : """
              <div class="scroll" tabindex="0"><table id="legal-reviews">
                <thead><tr><th>\(t["lg_case"])</th><th>\(t["lg_customer"])</th><th class="num">\(t["wb_dpd"])</th><th class="num">\(t["lg_overdue"])</th><th>\(t["lg_assigned_to"])</th><th>\(t["lg_run_date"])</th><th></th></tr></thead>
                <tbody>
            \(HTML.each(page.reviews) { line in
                let caseCell: HTML = opensCases ? "<a href=\"/work/cases/\(line.caseId)?lang=\(page.lang)\">\(line.caseId)</a>" : "\(line.caseId)"
                let action: HTML = line.legalCaseId.map { "<a href=\"/legal/\($0)?lang=\(page.lang)\">\($0)</a>" } ?? """
                    <form method="post" action="/legal?lang=\(page.lang)"><input type="hidden" name="csrf_token" value="\(csrfToken)"><input type="hidden" name="case_id" value="\(line.caseId)"><button type="submit">\(t["lg_take"])</button></form>
                    """
                return """
                  <tr data-case="\(line.caseId)"><td>\(caseCell)</td><td>\(line.customerName)</td><td class="num">\(line.dpd)</td><td class="num">\(line.overdue)</td><td>\(line.assignedTo)</td><td>\(line.businessDate)</td><td>\(action)</td></tr>

                """ })    </tbody>
              </table></div>
            """
        let demandLetters: HTML = page.demandLetters.isEmpty ? "<p>\(t["lg_no_letters"])</p>" : """
              <ul id="demand-letters">
            \(HTML.each(page.demandLetters) { letter in
                "    <li><a href=\"/legal/\(letter.legalCaseId)/letters/\(letter.documentId)?lang=\(page.lang)\">\(t["lg_print"]): \(letter.name)</a> · \(letter.legalCaseId)\(letter.payBy.map { " · \(t["lg_pay_by"]) \($0)" as HTML } ?? "")</li>\n"
            })  </ul>
            """
        let queued: HTML = page.queuedLetters.isEmpty ? "" : """
              <p>\(t["lg_queued_letters"])</p>
              <ul id="queued-letters">
            \(HTML.each(page.queuedLetters) { day in
                "    <li>\(day.businessDate): \(day.count) · <code>arrears letters print --date \(day.businessDate) --out DIR</code></li>\n"
            })  </ul>
            """
        return layout.page("""
              <h1>\(t["lg_title"]) · \(page.today)</h1>
              \(page.form.form.map { page.form.summary(of: $0, heading: t["lg_refused"], id: "legal-error") } ?? "")

              <h2>\(t["lg_reviews"])</h2>
              \(reviews)

              <h2>\(t["lg_cases_by_stage"])</h2>
              <p>\(t["lg_next_hint"])</p>
              <nav id="stages"><a href="/legal?lang=\(page.lang)">\(t["lg_all"])</a>\(stages)</nav>

              \(cases)

              <h2>\(t["lg_letters_to_print"])</h2>
              \(demandLetters)
              \(queued)

              <h2>\(t["lg_open"])</h2>
              <form id="open-form" method="post" action="/legal?lang=\(page.lang)">
                <input type="hidden" name="csrf_token" value="\(csrfToken)">
                \(page.form.input("case_id", label: t["lg_case"], of: "open", attributes: " required maxlength=\"64\""))
                \(page.form.input("reason", label: t["lg_reason"], of: "open", attributes: " maxlength=\"200\""))
                <button type="submit">\(t["lg_save"])</button>
              </form>
            """)
    }

    static func legalCase(_ page: LegalPageController.CasePage, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t), legal = page.legal, id = legal.id, f = page.form
        let layout = Layout.signedIn("\(t["lg_case_title"]) \(id)", words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let summary: HTML = """
            \(t["lg_stage"]) <strong>\(page.stageName)</strong> · \(t["lg_since"]) \(legal.stageOn) · \(t["lg_case"]) \(legal.caseId) · \(t["lg_referral"]) \(t["lg_referral_" + legal.referral])\
            \(legal.courtName.map { " · \(t["lg_court"]) \($0)" as HTML } ?? "")\
            \(legal.courtCaseNumber.map { " · \(t["lg_court_case_number"]) \($0)" as HTML } ?? "")\
            \(legal.closeReason.map { " · \(t["lg_closed_because"]) \($0)" as HTML } ?? "")
            """
        let history = HTML.each(page.history) { entry in
            "<li>\(entry.name) · \(entry.enteredOn)\(entry.note.map { " · \($0)" as HTML } ?? "") · \(entry.recordedBy)</li>"
        }
        let canMove = !page.nextStages.isEmpty
        let stageForm: HTML = !canMove ? "" : """
              <form id="stage-form" method="post" action="/legal/\(id)/stage?lang=\(page.lang)">
                \(csrf)
                <label>\(t["lg_move"]) <select name="stage"\(f.invalid("stage", of: "stage"))>\(HTML.each(page.nextStages) {
                    "<option value=\"\($0.value)\"\(f.selected("stage", $0.value, of: "stage"))>\($0.name)</option>" })</select></label>\(f.error("stage", of: "stage"))
                <label>\(t["lg_on"]) <input name="on" type="date" value="\(f.value("on", of: "stage", otherwise: page.today))"\(f.invalid("on", of: "stage"))></label>\(f.error("on", of: "stage"))
                \(f.input("court_name", label: t["lg_court"], of: "stage", attributes: " maxlength=\"200\""))
                \(f.input("court_case_number", label: t["lg_court_case_number"], of: "stage", attributes: " maxlength=\"200\""))
                \(f.input("reason", label: t["lg_reason"], of: "stage", attributes: " maxlength=\"200\""))
                <button type="submit">\(t["lg_save"])</button>
              </form>

            """
        let costs = HTML.each(legal.costs) { cost in
            "<tr><td>\(cost.incurredOn)</td><td>\(cost.description)</td><td class=\"num\">\(cost.amount.amount) \(cost.amount.currency)</td><td>\(cost.recordedBy)</td></tr>"
        }
        let totals = HTML.each(legal.costTotals) { total in
            "<tr><th colspan=\"2\">\(t["lg_total"])</th><td class=\"num\">\(total.amount) \(total.currency)</td><td></td></tr>"
        }
        let documents = HTML.each(legal.documents) { document in
            let name: HTML
            if let file = document.file {
                name = "<a href=\"/legal/\(id)/documents/\(document.id)?lang=\(page.lang)\">\(document.name)</a> · \(file.fileName) · \(file.contentType)"
            } else if let fileName = document.fileName {
                name = "\(document.name) · \(fileName)"
            } else {
                name = "<a href=\"/legal/\(id)/letters/\(document.id)?lang=\(page.lang)\">\(document.name)</a>"
            }
            return "<li>\(name) · \(document.kind) · \(document.createdBy) · \(document.createdAt)</li>"
        }
        let letterForm: HTML = !canMove ? "" : """
              <form id="letter-form" method="post" action="/legal/\(id)/demand-letter?lang=\(page.lang)">
                \(csrf)
                <label>\(t["lg_pay_by"]) <input name="pay_by" type="date" value="\(f.value("pay_by", of: "letter", otherwise: page.payBy))" required\(f.invalid("pay_by", of: "letter"))></label>\(f.error("pay_by", of: "letter"))
                <label>\(t["lg_language"]) <select name="language"\(f.invalid("language", of: "letter"))><option value="">—</option>\(HTML.each(page.languages) {
                    "<option value=\"\($0)\"\(f.selected("language", $0, of: "letter"))>\(t.code(.language, $0))</option>" })</select></label>\(f.error("language", of: "letter"))
                <button type="submit">\(t["lg_letter"])</button>
              </form>

            """
        return layout.page("""
              <p><a href="/legal?lang=\(page.lang)">\(t["lg_title"])</a></p>
              <h1>\(legal.customerName) · \(id)</h1>
              \(page.form.form.map { page.form.summary(of: $0, heading: t["lg_refused"], id: "legal-error") } ?? "")
              <p id="legal-summary">\(summary)</p>

              <h2>\(t["lg_stages"])</h2>
              <ol id="stage-history">
              \(history)
              </ol>
            \(stageForm)
              <h2>\(t["lg_costs"])</h2>
              <div class="scroll" tabindex="0"><table id="costs">
                <thead><tr><th>\(t["lg_on"])</th><th>\(t["lg_description"])</th><th class="num">\(t["lg_amount"])</th><th>\(t["lg_recorded_by"])</th></tr></thead>
                <tbody>\(costs)</tbody>
                <tfoot>\(totals)</tfoot>
              </table></div>
              <form id="cost-form" method="post" action="/legal/\(id)/costs?lang=\(page.lang)">
                \(csrf)
                \(f.input("amount", label: t["lg_amount"], of: "cost", attributes: " required inputmode=\"decimal\""))
                <label>\(t["lg_currency"]) <input name="currency" value="\(f.value("currency", of: "cost", otherwise: "CNY"))" required maxlength="3"\(f.invalid("currency", of: "cost"))></label>\(f.error("currency", of: "cost"))
                \(f.input("description", label: t["lg_description"], of: "cost", attributes: " required maxlength=\"200\""))
                <label>\(t["lg_on"]) <input name="incurred_on" type="date" value="\(f.value("incurred_on", of: "cost", otherwise: page.today))"\(f.invalid("incurred_on", of: "cost"))></label>\(f.error("incurred_on", of: "cost"))
                <button type="submit">\(t["lg_add_cost"])</button>
              </form>

              <h2>\(t["lg_documents"])</h2>
              <ul id="documents">
              \(documents)
              </ul>
              <form id="upload-form" method="post" action="/legal/\(id)/documents?lang=\(page.lang)" enctype="multipart/form-data">
                \(csrf)
                \(f.input("name", label: t["lg_document_name"], of: "upload", attributes: " maxlength=\"200\""))
                <label>\(t["lg_file"]) <input type="file" name="file" accept="application/pdf,image/jpeg,image/png" required\(f.invalid("file", of: "upload"))></label>\(f.error("file", of: "upload"))
                <p class="notice">\(t["lg_upload_hint"])</p>
                <button type="submit">\(t["lg_upload"])</button>
              </form>
            \(letterForm)
            """)
    }

    /// The letter as generated, in its own language, on paper-like page with no header.
    static func letter(_ page: LegalPageController.LetterPage) -> HTML {
        Layout(title: page.title, language: page.lang, stylesheet: "/css/legal-letter.css", words: Words(table: page.t), header: nil)
            .page("<article id=\"letter\"><pre>\(page.body)</pre></article>")
    }
}
