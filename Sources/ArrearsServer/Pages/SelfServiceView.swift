/// The customer's own page (`/s/:token`): what is owed and how to pay, a promise to pay, a
/// request for an instalment plan; or why the link does not work.
enum SelfServiceView {
    static func page(_ page: SelfServicePageController.Page) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedOut(t["ss_title"], words: t, language: page.lang,
                                      languageSwitch: "/s/\(page.token)?lang=\(t["switch_language_code"])")
        let body: HTML
        switch page.state {
        case "page": body = owed(page, t)
        case "expired": body = "  <p id=\"expired\" class=\"error\">\(t["link_expired"])</p>"
        default: body = "  <p id=\"invalid\" class=\"error\">\(t["link_invalid"])</p>"
        }
        return layout.page(mainClass: "self-service", """
              <h1>\(t["ss_title"])</h1>
            \(body)
            """)
    }

    private static func owed(_ page: SelfServicePageController.Page, _ t: Words) -> HTML {
        let f = page.form
        let accounts: HTML = page.accounts.isEmpty ? "  <p class=\"notice\">\(t["ss_nothing_owed"])</p>" : """
              <div class="scroll" tabindex="0"><table id="owed">
                <thead><tr><th>\(t["ss_account"])</th><th class="num">\(t["overdue"])</th><th class="num">\(t["outstanding"])</th><th class="num">\(t["ss_days_overdue"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.accounts) { account in """
                  <tr data-account="\(account.id)"><td>\(account.product) \(account.id)</td><td class="num">\(account.overdue)</td><td class="num">\(account.outstanding)</td><td class="num">\(account.dpd)</td></tr>

                """ })    </tbody>
              </table></div>
            """
        let howToPay: HTML = page.howToPay.map { how in """
              <h2>\(t["ss_how_to_pay"])</h2>
              <p id="how-to-pay">\(how)</p>

            """ } ?? ""
        let promise: HTML
        if let pending = page.pendingPromise {
            promise = "  <p id=\"pending-promise\">\(t["ss_your_promise"]) \(pending)</p>"
        } else if page.canPromise {
            promise = """
                  <form id="promise-form" method="post" action="/s/\(page.token)/promise">
                    \(f.input("amount", label: "\(t["ss_amount"]) (\(page.caseCurrency ?? ""))", of: "promise", attributes: " inputmode=\"decimal\" required"))
                    \(f.input("due_on", label: t["ss_pay_by"], of: "promise", attributes: " type=\"date\" min=\"\(page.today)\" required"))
                    <p class="notice">\(t["ss_promise_hint"])</p>
                    <button type="submit">\(t["ss_promise_button"])</button>
                  </form>
                """
        } else {
            promise = "  <p class=\"notice\">\(t["ss_nothing_overdue"])</p>"
        }
        let plan: HTML = !page.arrangements.isEmpty ? "  <ul id=\"arrangements\">\(HTML.each(page.arrangements) { "<li>\($0)</li>" })</ul>" : """
              <form id="plan-form" method="post" action="/s/\(page.token)/plan">
                <label>\(t["ss_instalments"]) <select name="count"\(f.invalid("count", of: "plan"))>\(HTML.each(page.instalmentChoices) {
                    "<option value=\"\($0)\"\(f.selected("count", String($0), of: "plan"))>\($0)</option>" })</select></label>\(f.error("count", of: "plan"))
                \(f.input("first_date", label: t["ss_first_date"], of: "plan", attributes: " type=\"date\" min=\"\(page.today)\" required"))
                <p class="notice">\(t["ss_plan_hint"])</p>
                <button type="submit">\(t["ss_plan_button"])</button>
              </form>
            """
        return """
              <p id="greeting">\(t["ss_hello"]) \(page.name)</p>
              \(page.message.map { "<p id=\"message\" class=\"notice\">\($0)</p>" as HTML } ?? "")
              \(f.form.map { f.summary(of: $0, heading: t["wb_error"], id: "error") } ?? "")
              <h2>\(t["ss_what_you_owe"])</h2>
            \(accounts)
            \(howToPay)
              <h2>\(t["ss_promise"])</h2>
            \(promise)

              <h2>\(t["ss_plan"])</h2>
            \(plan)
            """
    }
}
