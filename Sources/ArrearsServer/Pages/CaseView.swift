import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// The case page as a customer 360 (issue 25), top to bottom: one header with what matters
/// (name, overdue and outstanding, DPD and bucket as the accounts say, segment, score, promise
/// or plan, whether a call is allowed now and when next in the customer's and the viewer's
/// time, flags, the mobile masked with "reveal and call"); the accounts; the action panel
/// beside the talk track; the timeline, filtered by kind and paged. The page tests and the
/// browser tests read its ids and form fields.
enum CaseView {
    struct Model {
        let file: CaseFile
        let json: CaseFileJSON
        let header: CaseHeader
        let timeline: CaseTimeline
        let arrangement: ArrangementSection
        let followUps: [OutcomeTasks.Task]
        let talk: [TalkTracks.Track]
        /// The form that was posted and refused, with what was typed and the errors beside its fields.
        let form: PageForm
        /// The rule, in words, that the attempt just logged breached; nil when it breached none.
        let breach: String?
        /// `2026-11-24 06:57 (Asia/Shanghai)`; nil when the customer's zone is unknown.
        let customerTime: String?
        let customerZone: TimeZone?
        let viewerZone: TimeZone
        let outcomes: [String]
        let today: String
        let owesNothing: Bool
        /// The mobile in full, once, after a reveal with a reason.
        let revealedMobile: String?
        let quote: Quote?
        let ruleWords: (String) -> String
        let now: Date
        let language: Language
    }

    /// The terms quoted before proposing them, and the form that proposes them as quoted.
    struct Quote {
        let preview: ArrangementPreview
        let form: ArrangementPageController.ProposalForm
        let accountId: String
    }

    static func page(_ m: Model, words t: Words, language: String, csrfToken: String, role: Role) -> HTML {
        let id = m.file.summary.id
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let works = WorkbenchPageController.roles.contains(role)
        let body: HTML = """
              \(works ? "<p class=\"case-nav\"><a href=\"/work?lang=\(language)\">\(t["wb_back_to_queue"])</a> · <a id=\"next-case\" href=\"/work/cases/\(id)/next?lang=\(language)\">\(t["wb_next_case"])</a></p>" as HTML : "")
            \(header(m, csrf: csrf, works: works, t))
              \(m.form.form.map { $0.hasPrefix("arrangement") ? "" : m.form.summary(of: $0, heading: t["wb_error"]) } ?? "")
              \(m.breach.map { "<p class=\"notice warning\" id=\"breach-warning\" role=\"alert\">\(t["wb_breach_warning"]): \($0)</p>" as HTML } ?? "")
            \(accounts(m, t))
              <div class="case-work">
                <section id="actions" class="case-actions">
                  <h2>\(t["cs_actions"])</h2>
            \(actions(m, csrf: csrf, t))
                </section>
                <aside id="talk-track" class="talk-track">
                  <h2>\(t["cs_talk_track"])</h2>
                  \(HTML.each(m.talk) { track in
                      "<h3>\(track.title[Language(rawValue: language) ?? .default] ?? "")</h3><p>\(track.say[Language(rawValue: language) ?? .default] ?? "")</p>" })
                </aside>
              </div>
            \(timeline(m, language: language, t))
            """
        return Layout.signedIn("\(t["wb_case_title"]) \(id)", words: t, language: language, csrfToken: csrfToken, role: role)
            .page(mainClass: works ? "case" : "read-only", body)
    }

    private static func money(_ minor: Int64, _ currency: String) -> String { AmountDisplay.grouped(minor, currency: currency) + " " + currency }

    private static func header(_ m: Model, csrf: HTML, works: Bool, _ t: Words) -> HTML {
        let file = m.file, h = m.header, id = file.summary.id
        let totals = h.totals.map { money($0.overdueMinor, $0.currency) }.joined(separator: " · ")
        let outstanding = h.totals.map { money($0.outstandingMinor, $0.currency) }.joined(separator: " · ")
        let pending = file.promises.first { $0.status == "pending" }
        let promise: HTML = pending.map { "\(money($0.amountMinor, $0.currency)) · \(t["wb_due_on"]) \($0.dueOn)" }
            ?? file.promises.first.map { "\(t.code(.promiseStatus, $0.status)) (\($0.dueOn))" } ?? "\(t["cs_none"])"
        let plans = m.arrangement.items.filter { $0.statusCode == ArrangementStatus.active.rawValue || $0.statusCode == ArrangementStatus.proposed.rawValue }
        let plan: HTML = plans.isEmpty ? "\(t["cs_none"])" : HTML.each(plans) { "<span>\($0.kind) · \($0.status) · \($0.accountId)</span> " }
        let contactNow = HTML.each(file.contactNow) { line in
            let verdict = line.verdict
            let reason = PolicyWords.refusal(rule: verdict.rule, reason: verdict.reason, pack: nil, words: t.table, language: m.language)
            let next: HTML = verdict.nextAllowedAt.map { at in
                let customer = m.customerZone.map { CaseTimes.local(at, in: $0) } ?? at
                return " · \(t["wb_next_allowed"]) \(customer) (\(t["cs_bank_time"]) \(CaseTimes.local(at, in: m.viewerZone)))"
            } ?? ""
            let state: HTML = verdict.allowed ? "<span class=\"badge ok\">\(t["wb_allowed"])</span>" : "<span class=\"badge stop\">\(t["wb_blocked"])</span> (\(reason))\(next)"
            return "<li>\(t.code(.channel, line.channel.rawValue)): \(state)</li>"
        }
        let flags: HTML = file.flags.isEmpty ? "\(t["cs_none"])" : HTML.each(file.flags) { flag in
            // A channel flag's value lists channels: in words.
            let value = flag.value.map { value in
                value.isEmpty ? t["cs_none"] : value.split(separator: ",").map { t.code(.channel, String($0)) }.joined(separator: ", ")
            }
            return "<span class=\"badge flag\">\(t.code(.flag, flag.flag))\(flag.channel.map { " · \(t.code(.channel, $0))" } ?? "")\(value.map { " · \($0)" } ?? "")\(flag.endsOn.map { " · \($0)" } ?? "")</span> "
        }
        let mobile: HTML
        if let revealed = m.revealedMobile {
            mobile = "<a id=\"dial\" class=\"dial\" href=\"tel:\(revealed)\">\(t["cs_call"]) \(revealed)</a> <small id=\"revealed-note\">\(t["cs_revealed"])</small>"
        } else if works && m.json.customer.mobile != nil {
            mobile = """
                \(m.json.customer.mobile ?? "")
                <details class="reveal"\(m.form.isRefused("reveal") ? " open" : "")><summary>\(t["cs_reveal"])</summary>
                  <form id="reveal-form" method="post" action="/work/cases/\(id)/reveal?lang=\(m.language.rawValue)">\(csrf)
                    \(m.form.input("reason", label: t["cs_reveal_reason"], of: "reveal", attributes: " required minlength=\"10\" maxlength=\"500\""))
                    \(m.form.input("override_reason", label: t["cs_override_reason"], of: "reveal", attributes: " maxlength=\"500\""))
                    <button type="submit">\(t["cs_reveal"])</button>
                  </form>
                </details>
                """
        } else {
            mobile = "\(m.json.customer.mobile ?? t["cs_none"])"
        }
        return """
              <section id="case-header" class="case-header">
                <h1>\(file.customer.name) · \(id)</h1>
                <p class="badges"><span class="badge" id="header-dpd">\(t["wb_dpd"]) \(h.dpd)</span> <span class="badge bucket" data-bucket="\(h.bucket)">\(t["cs_bucket"]) \(t.code(.bucket, h.bucket))</span> \
            <span class="badge segment segment-\(file.summary.segment)">\(t["cs_segment"]) \(t.code(.segment, file.summary.segment))</span> \
            <span class="badge">\(t["cs_score"]) \(h.score.map { String($0) } ?? t["cs_none"])</span></p>
                <dl class="case-facts">
                  <div><dt>\(t["cs_total_overdue"])</dt><dd id="header-overdue">\(totals)</dd></div>
                  <div><dt>\(t["cs_total_outstanding"])</dt><dd id="header-outstanding">\(outstanding)</dd></div>
                  <div><dt>\(t["cs_promise"])</dt><dd id="header-promise">\(promise)</dd></div>
                  <div><dt>\(t["cs_plan"])</dt><dd id="header-plan">\(plan)</dd></div>
                  <div><dt>\(t["cs_flags"])</dt><dd id="flags">\(flags)</dd></div>
                  <div class="wide"><dt>\(t["cs_mobile"])</dt><dd id="mobile">\(mobile)</dd></div>
                </dl>
                <p class="as-of">\(h.asOf.map { "\(t["cs_as_of"]) \($0)" } ?? "")\(h.worstAccountId.map { " · \(t["cs_worst_account"]) \($0)" } ?? "")</p>
                <p id="customer-time">\(t["wb_customer_time"]): \(m.customerTime ?? t["wb_unknown_zone"]) · \(t["cs_bank_time"]) \(CaseTimes.local(m.now, in: m.viewerZone))</p>
                <ul id="contact-now" class="contact-now">\(contactNow)</ul>
                \(holdNotice(m.arrangement, words: t))
              </section>
            """
    }

    private static func accounts(_ m: Model, _ t: Words) -> HTML {
        let rows = HTML.each(m.json.accounts) { account in
            let p = account.position
            return """
                <tr id="account-\(account.id)"><td>\(account.id)</td><td>\(t.code(.product, account.product))</td>\
                <td class="num">\(p.map { String($0.dpd) } ?? "–")</td><td>\(p.map { "<span class=\"badge bucket\" data-bucket=\"\($0.bucket)\">\(t.code(.bucket, $0.bucket))</span>" as HTML } ?? "–")</td>\
                <td class="num">\(p?.overdue.amount ?? "–")</td><td class="num">\(p?.outstanding.amount ?? "–")</td><td>\(account.currency)</td>\
                <td>\(p?.oldestUnpaidDueOn ?? "–")</td></tr>

                """
        }
        let details = HTML.each(m.json.accounts) { account in
            """
                \(settlementLine(account.settlement, accountId: account.id, words: t))<details class="account-details"><summary>\(account.id) · \(t["cs_details"])</summary>
                \(ScoreReasonWords.scores(account.scores, language: m.language.rawValue))                  <div class="scroll" tabindex="0"><table><thead><tr><th>\(t["wb_dues"])</th><th class="num">\(t["wb_amount"])</th></tr></thead>
                    <tbody>\(HTML.each(account.dues) { due in
                        "<tr><td>\(due.dueOn)</td><td class=\"num\">\(due.principal.amount) + \(due.interest.amount) + \(due.fees.amount)</td></tr>" })</tbody></table></div>
                  <ul class="payments">\(HTML.each(account.payments) { payment in
                      "<li>\(t["wb_payments"]): \(payment.paidOn) · \(payment.amount.amount) · \(t.code(.paymentChannel, payment.channel))</li>" })</ul>
                </details>

            """
        }
        return """
              <section id="accounts-section">
                <h2>\(t["wb_accounts"])</h2>
                <div class="scroll" tabindex="0"><table id="accounts" class="dense">
                  <thead><tr><th>\(t["cs_account"])</th><th>\(t["cs_product"])</th><th class="num">\(t["wb_dpd"])</th><th>\(t["cs_bucket"])</th>\
            <th class="num">\(t["wb_overdue"])</th><th class="num">\(t["wb_outstanding"])</th><th></th><th>\(t["cs_oldest_unpaid"])</th></tr></thead>
                  <tbody>\(rows)</tbody>
                </table></div>
            \(details)  </section>
            """
    }

    private static func actions(_ m: Model, csrf: HTML, _ t: Words) -> HTML {
        let id = m.file.summary.id, f = m.form
        let promiseForm: HTML = m.owesNothing ? "<p class=\"notice\" id=\"nothing-to-promise\">\(t["wb_nothing_to_promise"])</p>" : """
              <form id="promise-form" method="post" action="/work/cases/\(id)/promises?lang=\(m.language.rawValue)">
                \(csrf)
                <input type="hidden" name="currency" value="\(m.file.summary.currency)">
                \(f.input("amount", label: "\(t["wb_amount"]) (\(m.file.summary.currency))", of: "promise", attributes: " inputmode=\"decimal\" required"))
                \(f.input("due_on", label: t["wb_due_on"], of: "promise", attributes: " type=\"date\" min=\"\(m.today)\" required"))
                <button type="submit">\(t["wb_save"])</button>
              </form>
            """
        let arrangementOpen = m.arrangement.error != nil || m.quote != nil
        return """
                  <details id="log-attempt" open><summary>\(t["wb_log_attempt"])</summary>
                  <form id="attempt-form" method="post" action="/work/cases/\(id)/attempts?lang=\(m.language.rawValue)">
                    \(csrf)
                    <label>\(t["wb_channel"]) <select name="channel"\(f.invalid("channel", of: "attempt"))>\(HTML.each(["call", "sms", "visit"]) {
                        "<option value=\"\($0)\"\(f.selected("channel", $0, of: "attempt"))>\(t.code(.channel, $0))</option>" })</select></label>\(f.error("channel", of: "attempt"))
                    <label>\(t["wb_outcome"]) <select name="outcome"\(f.invalid("outcome", of: "attempt"))>\(HTML.each(m.outcomes) {
                        "<option value=\"\($0)\"\(f.selected("outcome", $0, of: "attempt"))>\(t.code(.outcome, $0))</option>" })</select></label>\(f.error("outcome", of: "attempt"))
                    \(f.input("callback_at", label: t["wb_callback_at"], of: "attempt", attributes: " type=\"datetime-local\""))
                    <fieldset id="accepted-channels"\(f.invalid("accepted_channels", of: "attempt"))><legend>\(t["wb_accepted_channels"])</legend>\(HTML.each(["call", "sms", "email", "visit", "letter"]) {
                        "<label><input type=\"checkbox\" name=\"accepted_channels[]\" value=\"\($0)\"\(f.checked("accepted_channels", $0, of: "attempt"))> \(t.code(.channel, $0))</label>" })</fieldset>\(f.error("accepted_channels", of: "attempt"))
                    \(f.input("note", label: t["wb_note"], of: "attempt", attributes: " maxlength=\"2000\""))
                    <button type="submit">\(t["wb_save"])</button>
                  </form>
                  </details>
                  <details id="take-promise"\(f.isRefused("promise") ? " open" : "")><summary>\(t["wb_take_promise"])</summary>
                  \(promiseForm)
                  </details>
                  <details id="arrangement"\(arrangementOpen ? " open" : "")><summary>\(t["wb_arrangement"])</summary>
            \(arrangement(m, csrf: csrf, t))
                  </details>
                  <details id="open-work"><summary>\(t["wb_tasks"]) · \(t["wb_follow_ups"])</summary>
                    <ul id="tasks">\(HTML.each(m.file.openTasks) { task in "<li data-treatment=\"\(task.treatment)\">\(task.businessDate) · \(t.code(.channel, task.channel))</li>" })</ul>
                    <ul id="follow-ups">\(HTML.each(m.followUps) { task in "<li>\(t.code(.followUpQueue, task.queue)) · \(followUpTitle(task, language: m.language, t)) · \(CaseTimes.local(task.openedAt, in: m.viewerZone))</li>" })</ul>
                  </details>
            """
    }

    /// The proposal forms with the account picker (the oldest overdue account chosen), each
    /// quoting first; the quote with the button that proposes it; every arrangement below.
    private static func arrangement(_ m: Model, csrf: HTML, _ t: Words) -> HTML {
        let section = m.arrangement, id = m.file.summary.id, today = m.today, f = m.form
        var html: HTML = "\(section.error.map { "<p class=\"notice\" id=\"arrangement-error\">\(t["wb_error"]): \($0)</p>" as HTML } ?? "")\n"
        if let quote = m.quote { html += quoted(quote, caseId: id, lang: m.language.rawValue, csrf: csrf, t) }
        if let target = section.accountId {
            let posted = f.form?.hasPrefix("arrangement-") == true ? f.value("account_id", of: f.form ?? "") : ""
            let chosen = m.file.accounts.contains { $0.id == posted } ? posted : target
            let picker: HTML = """
                <label>\(t["wb_arr_for_account"]) <select name="account_id">\(HTML.each(m.file.accounts) { account in
                    let overdue: HTML = account.position.map { " · \(t["wb_dpd"]) \($0.dpd) · \(money($0.overdueMinor, account.currency))" } ?? ""
                    return "<option value=\"\(account.id)\"\(account.id == chosen ? " selected" : "")>\(account.id) · \(t.code(.product, account.product))\(overdue)</option>"
                })</select></label>
                """
            func field(_ kind: String, _ name: String, _ label: String, _ attributes: HTML) -> HTML {
                f.input(name, label: label, of: "arrangement-" + kind, attributes: attributes)
            }
            func form(_ formId: String, _ kind: String, _ fields: HTML) -> HTML {
                """
                      <form id="\(formId)" method="post" action="/work/cases/\(id)/arrangements/quote?lang=\(m.language.rawValue)#quote">
                        \(csrf)<input type="hidden" name="kind" value="\(kind)">
                        <strong>\(t["wb_arr_kind_" + kind])</strong>
                        \(picker)
                        \(fields)\(f.error("kind", of: "arrangement-" + kind))\(f.error("account_id", of: "arrangement-" + kind))
                        <button type="submit">\(t["cs_quote"])</button>
                      </form>

                """
            }
            html += """
                  <div class="arrangement-forms">
                \(form("plan-form", "instalment_plan", """
                    \(field("instalment_plan", "count", t["wb_arr_count"], " type=\"number\" min=\"1\" max=\"60\" required"))
                    \(field("instalment_plan", "first_date", t["wb_arr_first_date"], " type=\"date\" min=\"\(today)\" required"))
                    """))\(form("deferral-form", "deferral", """
                    \(field("deferral", "new_due_date", t["wb_arr_new_date"], " type=\"date\" min=\"\(today)\" required"))
                    \(field("deferral", "reason", t["wb_arr_reason"], " maxlength=\"2000\" required"))
                    """))\(form("waiver-form", "waiver", """
                    \(field("waiver", "waiver_share", t["wb_arr_share"], " placeholder=\"10%\" required"))
                    \(field("waiver", "reason", t["wb_arr_reason"], " maxlength=\"2000\""))
                    """))\(form("settlement-form", "settlement", """
                    \(field("settlement", "amount", "\(t["wb_amount"]) (\(section.currency ?? ""))", " inputmode=\"decimal\" required"))
                    \(field("settlement", "pay_by", t["wb_arr_pay_by"], " type=\"date\" min=\"\(today)\" required"))
                    """))  </div>

                """
        }
        html += """
              <ul id="arrangements">
            \(HTML.each(section.items) { item in
                let needs: HTML = item.statusCode == "proposed" ? " · \(t["wb_arr_needs"]) \(t.code(.role, item.requiredRole))" : ""
                let instalments: HTML = item.instalments.isEmpty ? "" : """
                    <ol class="instalments">\(HTML.each(item.instalments) { "<li>\($0.dueOn) · \($0.amount)</li>" })</ol>
                    """
                return """
                  <li>\(item.accountId) · \(item.kind) · \(item.amount) \(item.currency) · <span class="badge status status-\(item.statusCode)">\(item.status)</span>\(needs)\(item.reason.map { " · \($0)" as HTML } ?? "")\(item.decisionNote.map { " · \(CodeCatalogue.note($0, t))" as HTML } ?? "")
                    \(instalments)</li>

                """ })  </ul>

            """
        return html
    }

    /// The quote: amount, what it is judged against, each instalment and their sum (always the
    /// amount, to the cent), who must approve; and the form that proposes exactly these terms.
    private static func quoted(_ quote: Quote, caseId: String, lang: String, csrf: HTML, _ t: Words) -> HTML {
        let p = quote.preview, f = quote.form
        let digits = Currency(code: p.currency)?.minorDigits ?? 2
        func amount(_ minor: Int64) -> String { DecimalAmount.format(minor, minorDigits: digits) }
        let sum = MinorUnits.total(p.instalments.map(\.amount))
        let kind = ArrangementKind(rawValue: f.kind)
        let hidden: [(String, String?)] = [("kind", f.kind), ("account_id", quote.accountId), ("count", f.count), ("first_date", f.firstDate),
                                           ("new_due_date", f.newDueDate), ("waiver_share", f.waiverShare), ("amount", f.amount), ("pay_by", f.payBy),
                                           ("reason", f.reason)]
        let forgiven: HTML = kind == .waiver ? "<p>\(t["cs_quote_forgiven"]) <strong id=\"quote-forgiven\">\(amount(p.amountMinor)) \(p.currency)</strong></p>"
            : kind == .settlement ? "<p>\(t["cs_quote_forgiven"]) <strong id=\"quote-forgiven\">\(amount(p.basisMinor - p.amountMinor)) \(p.currency)</strong></p>" : ""
        return """
              <div id="quote" class="quote">
                <h3>\(t["cs_quote_title"]) · \(t["wb_arr_kind_" + f.kind]) · \(quote.accountId)</h3>
                <p>\(t["cs_quote_amount"]) <strong id="quote-amount">\(amount(p.amountMinor)) \(p.currency)</strong> · \(t["cs_quote_basis"]) \(amount(p.basisMinor)) \(p.currency)</p>
                \(forgiven)
                \(p.instalments.isEmpty ? "" : """
                <table id="quote-instalments" class="dense"><thead><tr><th>\(t["cs_quote_instalment"])</th><th>\(t["wb_due_on"])</th><th class="num">\(t["wb_amount"])</th></tr></thead>
                  <tbody>\(HTML.each(p.instalments) { "<tr><td>\($0.number)</td><td>\($0.dueOn.description)</td><td class=\"num\">\(amount($0.amount))</td></tr>" })</tbody>
                  <tfoot><tr><th colspan="2">\(t["cs_quote_sum"])</th><th class="num" id="quote-sum">\(amount(sum)) \(p.currency)</th></tr></tfoot>
                </table>
                """ as HTML)
                <p>\(t["cs_quote_needs"]) <strong id="quote-role">\(p.requiredRole.map { t.code(.role, $0.rawValue) } ?? t["cs_quote_beyond"])</strong></p>
                <form id="quote-form" method="post" action="/work/cases/\(caseId)/arrangements?lang=\(lang)">
                  \(csrf)\(HTML.each(hidden) { field in field.1.map { "<input type=\"hidden\" name=\"\(field.0)\" value=\"\($0)\">" as HTML } ?? "" })
                  <button type="submit">\(t["cs_quote_confirm"])</button>
                </form>
              </div>

            """
    }

    private static func timeline(_ m: Model, language: String, _ t: Words) -> HTML {
        let id = m.file.summary.id, timeline = m.timeline
        let kind = timeline.kind.map { "&kind=\($0.rawValue)" } ?? ""
        var filters: HTML = "<a href=\"/work/cases/\(id)?lang=\(language)#timeline\"\(timeline.kind == nil ? " aria-current=\"true\"" : "")>\(t["cs_all"])</a>"
        filters += HTML.each(CaseTimeline.Kind.allCases) { k in
                " <a href=\"/work/cases/\(id)?lang=\(language)&kind=\(k.rawValue)#timeline\"\(timeline.kind == k ? " aria-current=\"true\"" : "")>\(t["cs_kind_" + k.rawValue])</a>"
            }
        let more: HTML = timeline.more
            ? "<p><a id=\"timeline-more\" href=\"/work/cases/\(id)?lang=\(language)\(kind)&shown=\(timeline.shown + CaseTimeline.pageSize * 2)#timeline\">\(t["cs_more"])</a></p>" : ""
        return """
              <section id="timeline">
                <h2>\(t["cs_timeline"])</h2>
                <nav class="filters" id="timeline-filter">\(filters)</nav>
                \(timeline.entries.isEmpty ? "<p class=\"notice\">\(t["cs_empty_timeline"])</p>" as HTML : "")
                <ul class="timeline" id="attempts">
            \(HTML.each(timeline.entries) { entry in
                entry.id.map { "    <li id=\"\($0)\">\(entry.html)</li>\n" as HTML } ?? "    <li class=\"tl-\(entry.kind.rawValue)\">\(entry.html)</li>\n" })    </ul>
                \(more)
              </section>
            """
    }

    /// An account's settlement beside its position: while it is kept, what is owed under it and
    /// the balance it would forgive ("Settlement ARR-1: 6,000.00 by 2026-12-31 · paid 2,000.00 ·
    /// owed under the settlement 4,000.00 · balance without it 8,000.00 · forgiven once paid
    /// 4,000.00"); once paid, when and what was forgiven, with the approval.
    private static func settlementLine(_ settlement: SettlementJSON?, accountId: String, words t: Words) -> HTML {
        guard let s = settlement else { return "" }
        let approval: HTML = "\(t["wb_approved_by"]) \(s.approvedBy ?? "") \(s.approvedOn ?? "")"
        if s.status == ArrangementStatus.completed.rawValue {
            return """
                <p class="settlement" id="settlement-\(accountId)">\(t["wb_settled_on"]) \(s.settledOn ?? "") (\(t["wb_settlement"]) \(s.arrangementId), \(approval)) · \
                \(t["sv_paid"]) \(s.paid.amount) · \(t["wb_settlement_forgiven"]) \(s.forgiven.amount)</p>

                """
        }
        return """
            <p class="settlement" id="settlement-\(accountId)">\(t["wb_settlement"]) \(s.arrangementId): \(s.amount.amount) \(t["wb_arr_pay_by"]) \(s.payBy ?? "") · \
            \(t["sv_paid"]) \(s.paid.amount) · <strong>\(t["wb_settlement_owed"]) \(s.remaining.amount)</strong> · \
            \(t["wb_settlement_without"]) \(s.balanceWithoutSettlement.amount) · \(t["wb_settlement_forgiven_when_paid"]) \(s.forgiven.amount) (\(approval))</p>

            """
    }

    /// Whether the customer is on hold and why: one line per active plan, deferral or settlement,
    /// naming it and the account it covers (the daily run does not chase that account while it is
    /// kept, and chases it again the day after it breaks). Nothing when none is active.
    /// A follow-up task's title: the bank's words from config/outcomes.yaml in English; in Chinese
    /// the words for its kind (`task_<kind>`), the bank's title where there are none.
    private static func followUpTitle(_ task: OutcomeTasks.Task, language: Language, _ t: Words) -> String {
        language == .en ? task.title : (t.table["task_" + task.kind] ?? task.title)
    }

    private static func holdNotice(_ section: ArrangementSection, words t: Words) -> HTML {
        let kept = section.items.filter { $0.statusCode == ArrangementStatus.active.rawValue }
        guard !kept.isEmpty else { return "" }
        return """
              <div class="notice" id="hold-notice">\(HTML.each(kept) { line in
                "<p>\(t["wb_on_hold"]): \(line.kind) \(line.id) · \(t["wb_arr_for_account"]) \(line.accountId). \(t["wb_hold_explain"])</p>" as HTML
              })</div>
            """
    }
}
