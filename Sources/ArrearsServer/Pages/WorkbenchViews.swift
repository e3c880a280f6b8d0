import ArrearsCore
import ArrearsStore

/// The collector's queue and case page, and the inbound-call form for a case outside the queue;
/// the page tests and the browser tests read their ids and form fields.
enum WorkbenchViews {
    /// One row of the queue.
    struct TaskLine {
        let caseId: String
        let customerName: String
        let channel: String
        let dpd: Int
        let overdue: String
        let allowed: Bool?
    }

    static func queue(_ tasks: [TaskLine], words t: Words, language: String, csrfToken: String, role: Role) -> HTML {
        let body: HTML
        if tasks.isEmpty {
            body = "<p class=\"notice\">\(t["wb_empty_queue"])</p>"
        } else {
            body = """
              <div class="scroll"><table id="queue">
                <thead><tr><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th class="num">\(t["wb_dpd"])</th><th class="num">\(t["wb_overdue"])</th><th>\(t["wb_contact_now"])</th></tr></thead>
                <tbody>
              \(HTML.each(tasks) { task in """
                  <tr><td><a class="case-link" href="/work/cases/\(task.caseId)">\(task.customerName)</a></td><td>\(task.channel)</td><td class="num">\(task.dpd)</td>
                    <td class="num">\(task.overdue)</td><td>\(task.allowed.map { t[$0 ? "wb_allowed" : "wb_blocked"] })</td></tr>

                """ })    </tbody>
              </table></div>
            """
        }
        return page(title: t["wb_queue_title"], words: t, language: language, csrfToken: csrfToken, role: role, body: """
              <h1>\(t["wb_queue_title"])</h1>
            \(body)
            """)
    }

    /// What the case page shows besides the case file.
    struct CaseExtras {
        let overdue: String
        /// Nothing is overdue on the case: no promise form is offered.
        let owesNothing: Bool
        let error: String?
        /// The rule, in words, that the attempt just logged breached; nil when it breached none.
        let breach: String?
        /// The date and time where the customer lives, with the zone; nil when the zone is unknown.
        let customerTime: String?
        /// A rule's id in words (its description in the pack).
        let ruleWords: (String) -> String
        let outcomes: [String]
        let today: String
        let arrangement: ArrangementSection
        /// The open tasks the customer's contact outcomes opened (a dispute's review, ...).
        let followUps: [OutcomeTasks.Task]
    }

    /// A role that reads cases without working them (`WorkbenchPageController.caseReaders`) sees
    /// no links to a queue and no forms.
    static func casePage(_ file: CaseFileJSON, _ extras: CaseExtras, words t: Words, language: String, csrfToken: String, role: Role) -> HTML {
        let summary = file.case
        let id = summary.id
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let contactNow = HTML.each(file.contactNow) { line in
            let verdict = line.verdict
            let reason = PolicyWords.refusal(rule: verdict.rule, reason: verdict.reason, pack: nil, words: t.table, language: Language(rawValue: language) ?? .default)
            let state: HTML = verdict.allowed ? "\(t["wb_allowed"])"
                : "\(t["wb_blocked"]) (\(reason))\(verdict.nextAllowedAt.map { " · \(t["wb_next_allowed"]) \($0)" as HTML } ?? "")"
            return "    <li>\(PolicyWords.channel(line.channel, words: t.table)): \(state)</li>\n"
        }
        let attempts = HTML.each(file.contactAttempts) { attempt in
            let breach: HTML = attempt.breachedRule.map { " · <strong class=\"breach\">\(t["wb_breach"]): \(extras.ruleWords($0))</strong>" } ?? ""
            return "<li>\(attempt.attemptedAt) · \(PolicyWords.channel(attempt.channel, words: t.table)) · \(t["wb_outcome_" + attempt.outcome]) (\(attempt.outcome))\(attempt.note.map { " · \($0)" as HTML } ?? "") · \(attempt.recordedBy)\(breach)</li>"
        }
        let promises = HTML.each(file.promises) { promise in
            "<li>\(promise.amount.amount) \(promise.amount.currency) · \(t["wb_due_on"]) \(promise.dueOn) · \(promise.status)</li>"
        }
        let tasks = HTML.each(file.openTasks) { task in "<li>\(task.businessDate) · \(task.treatment) · \(task.channel)</li>" }
        let letters = HTML.each(file.letters) { letter in
            let state: HTML = letter.printedAt.map { "\(t["wb_letter_sent"]) \($0)" } ?? (letter.reason.map { "\(t["wb_letter_withheld"]): \($0)" } ?? "\(t["wb_letter_queued"])")
            return "<li id=\"\(letter.id)\">\(letter.businessDate) · \(t["wb_letter"]) \(letter.template) (\(letter.language)) · \(letter.balance.amount) \(letter.balance.currency) · \(state)</li>"
        }
        let flags = HTML.each(file.flags) { flag in
            "<li>\(flag.flag)\(flag.channel.map { " · \($0)" as HTML } ?? "")\(flag.value.map { " · \($0.isEmpty ? "none" : $0)" as HTML } ?? "")\(flag.endsOn.map { " · \($0)" as HTML } ?? "")</li>"
        }
        let accounts = HTML.each(file.accounts) { account in
            let position: HTML = account.position.map { position in
                "<p>\(t["wb_dpd"]) \(position.dpd) · \(t["wb_overdue"]) \(position.overdue.amount) · \(t["wb_outstanding"]) \(position.outstanding.amount)</p>\n"
            } ?? ""
            return """
                <h3>\(account.id) · \(account.product) · \(account.currency)</h3>
                \(position)\(ScoreReasonWords.scores(account.scores, language: language))\(settlementLine(account.settlement, accountId: account.id, words: t))  <div class="scroll"><table>
                    <thead><tr><th>\(t["wb_dues"])</th><th class="num">\(t["wb_amount"])</th></tr></thead>
                    <tbody>\(HTML.each(account.dues) { due in
                        "<tr><td>\(due.dueOn)</td><td class=\"num\">\(due.principal.amount) + \(due.interest.amount) + \(due.fees.amount)</td></tr>" })</tbody>
                  </table></div>
                  <ul class="payments">\(HTML.each(account.payments) { payment in
                      "<li>\(t["wb_payments"]): \(payment.paidOn) · \(payment.amount.amount) · \(payment.channel)</li>" })</ul>

                """
        }
        // A customer who owes nothing on the case is not offered a promise form (issue 24).
        let promiseForm: HTML = extras.owesNothing ? "<p class=\"notice\" id=\"nothing-to-promise\">\(t["wb_nothing_to_promise"])</p>" : """
              <form id="promise-form" method="post" action="/work/cases/\(id)/promises">
                \(csrf)
                <input type="hidden" name="currency" value="\(summary.overdue.currency)">
                <label>\(t["wb_amount"]) (\(summary.overdue.currency)) <input name="amount" inputmode="decimal" required></label>
                <label>\(t["wb_due_on"]) <input name="due_on" type="date" min="\(extras.today)" required></label>
                <button type="submit">\(t["wb_save"])</button>
              </form>
            """
        let body: HTML = """
              \(works(role) ? "<p><a href=\"/work\">\(t["wb_back_to_queue"])</a> · <a id=\"next-case\" href=\"/work/cases/\(id)/next\">\(t["wb_next_case"])</a></p>" as HTML : "")
              <h1>\(file.customer.name) · \(id)</h1>
              \(extras.error.map { "<p class=\"notice\" id=\"form-error\">\(t["wb_error"]): \($0)</p>" as HTML } ?? "")
              \(extras.breach.map { "<p class=\"notice warning\" id=\"breach-warning\" role=\"alert\">\(t["wb_breach_warning"]): \($0)</p>" as HTML } ?? "")
              <p>\(t["wb_dpd"]) \(summary.dpd) · \(t["wb_overdue"]) \(extras.overdue) · \(summary.bucket) · \(summary.segment) · \(file.customer.mobile)</p>

              <h2>\(t["wb_contact_now"])</h2>
              <p id="customer-time">\(t["wb_customer_time"]): \(extras.customerTime ?? t["wb_unknown_zone"])</p>
              \(holdNotice(extras.arrangement, words: t))
              <ul id="contact-now">
            \(contactNow)  </ul>

              <h2>\(t["wb_log_attempt"])</h2>
              <form id="attempt-form" method="post" action="/work/cases/\(id)/attempts">
                \(csrf)
                <label>\(t["wb_channel"]) <select name="channel"><option>call</option><option>sms</option><option>visit</option></select></label>
                <label>\(t["wb_outcome"]) <select name="outcome">\(HTML.each(extras.outcomes) { "<option value=\"\($0)\">\(t["wb_outcome_" + $0])</option>" })</select></label>
                <label>\(t["wb_callback_at"]) <input name="callback_at" type="datetime-local"></label>
                <fieldset id="accepted-channels"><legend>\(t["wb_accepted_channels"])</legend>\(HTML.each(["call", "sms", "email", "visit", "letter"]) {
                    "<label><input type=\"checkbox\" name=\"accepted_channels[]\" value=\"\($0)\"> \($0)</label>" })</fieldset>
                <label>\(t["wb_note"]) <input name="note" maxlength="2000"></label>
                <button type="submit">\(t["wb_save"])</button>
              </form>

              <h2>\(t["wb_take_promise"])</h2>
              \(promiseForm)

              <h2>\(t["wb_attempts"])</h2>
              <ul id="attempts">
              \(attempts)
              </ul>

              <h2>\(t["wb_letters"])</h2>
              <ul id="letters">
              \(letters)
              </ul>

              <h2>\(t["wb_promises"])</h2>
              <ul id="promises">
              \(promises)
              </ul>

            \(arrangement(extras.arrangement, caseId: id, today: extras.today, csrf: csrf, words: t))
              <h2>\(t["wb_tasks"])</h2>
              <ul id="tasks">\(tasks)</ul>
              <h2>\(t["wb_follow_ups"])</h2>
              <ul id="follow-ups">\(HTML.each(extras.followUps) { task in "<li>\(task.queue) · \(task.title) · \(task.openedAt)</li>" })</ul>

              <h2>\(t["wb_flags"])</h2>
              <ul id="flags">\(flags)</ul>

              <h2>\(t["wb_accounts"])</h2>
            \(accounts)
            """
        return page(title: "\(t["wb_case_title"]) \(id)", words: t, language: language, csrfToken: csrfToken, role: role, body: body)
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
    private static func holdNotice(_ section: ArrangementSection, words t: Words) -> HTML {
        let kept = section.items.filter { $0.statusCode == ArrangementStatus.active.rawValue }
        guard !kept.isEmpty else { return "" }
        return """
              <div class="notice" id="hold-notice">\(HTML.each(kept) { line in
                "<p>\(t["wb_on_hold"]): \(line.kind) \(line.id) · \(t["wb_arr_for_account"]) \(line.accountId). \(t["wb_hold_explain"])</p>" as HTML
              })</div>
            """
    }

    /// The arrangement section: the four proposal forms for the target account, then every
    /// arrangement of the customer's accounts with its instalments.
    private static func arrangement(_ section: ArrangementSection, caseId id: String, today: String, csrf: HTML, words t: Words) -> HTML {
        var html: HTML = """
              <h2 id="arrangement">\(t["wb_arrangement"])</h2>
              \(section.error.map { "<p class=\"notice\" id=\"arrangement-error\">\(t["wb_error"]): \($0)</p>" as HTML } ?? "")

            """
        if let accountId = section.accountId {
            html += """
                  <p>\(t["wb_arr_for_account"]) \(accountId)</p>
                  <div class="arrangement-forms">
                  <form id="plan-form" method="post" action="/work/cases/\(id)/arrangements">
                    \(csrf)<input type="hidden" name="kind" value="instalment_plan">
                    <strong>\(t["wb_arr_kind_instalment_plan"])</strong>
                    <label>\(t["wb_arr_count"]) <input name="count" type="number" min="1" max="60" required></label>
                    <label>\(t["wb_arr_first_date"]) <input name="first_date" type="date" min="\(today)" required></label>
                    <button type="submit">\(t["wb_arr_propose"])</button>
                  </form>
                  <form id="deferral-form" method="post" action="/work/cases/\(id)/arrangements">
                    \(csrf)<input type="hidden" name="kind" value="deferral">
                    <strong>\(t["wb_arr_kind_deferral"])</strong>
                    <label>\(t["wb_arr_new_date"]) <input name="new_due_date" type="date" min="\(today)" required></label>
                    <label>\(t["wb_arr_reason"]) <input name="reason" maxlength="2000" required></label>
                    <button type="submit">\(t["wb_arr_propose"])</button>
                  </form>
                  <form id="waiver-form" method="post" action="/work/cases/\(id)/arrangements">
                    \(csrf)<input type="hidden" name="kind" value="waiver">
                    <strong>\(t["wb_arr_kind_waiver"])</strong>
                    <label>\(t["wb_arr_share"]) <input name="waiver_share" placeholder="10%" required></label>
                    <label>\(t["wb_arr_reason"]) <input name="reason" maxlength="2000"></label>
                    <button type="submit">\(t["wb_arr_propose"])</button>
                  </form>
                  <form id="settlement-form" method="post" action="/work/cases/\(id)/arrangements">
                    \(csrf)<input type="hidden" name="kind" value="settlement">
                    <strong>\(t["wb_arr_kind_settlement"])</strong>
                    <label>\(t["wb_amount"]) (\(section.currency)) <input name="amount" inputmode="decimal" required></label>
                    <label>\(t["wb_arr_pay_by"]) <input name="pay_by" type="date" min="\(today)" required></label>
                    <button type="submit">\(t["wb_arr_propose"])</button>
                  </form>
                  </div>

                """
        }
        html += """
              <ul id="arrangements">
            \(HTML.each(section.items) { item in
                let needs: HTML = item.statusCode == "proposed" ? " · \(t["wb_arr_needs"]) \(item.requiredRole)" : ""
                let instalments: HTML = item.instalments.isEmpty ? "" : """
                    <ol class="instalments">\(HTML.each(item.instalments) { "<li>\($0.dueOn) · \($0.amount)</li>" })</ol>
                    """
                return """
                  <li>\(item.accountId) · \(item.kind) · \(item.amount) \(item.currency) · <span class="status-\(item.statusCode)">\(item.status)</span>\(needs)\(item.reason.map { " · \($0)" as HTML } ?? "")\(item.decisionNote.map { " · \($0)" as HTML } ?? "")
                    \(instalments)</li>

                """ })  </ul>

            """
        return html
    }

    /// What a collector sees instead of "not found" for a case outside their queue: a form to
    /// open it for an inbound call, with a reason (`InboundAccessController`), and `error` when
    /// the last reason was refused.
    static func accessForm(caseId: String, error: String?, words t: Words, language: String, csrfToken: String, role: Role) -> HTML {
        page(title: t["wb_access_title"], words: t, language: language, csrfToken: csrfToken, role: role, body: """
              <h1>\(t["wb_access_title"])</h1>
              <p>\(t["wb_access_explain"])</p>
              \(error.map { "<p class=\"notice\" id=\"form-error\">\(t["wb_error"]): \($0)</p>" as HTML } ?? "")
              <form id="access" method="post" action="/work/cases/\(caseId)/access">
                <input type="hidden" name="csrf_token" value="\(csrfToken)">
                <label>\(t["wb_access_reason"]) <input name="reason" required minlength="10" maxlength="500"></label>
                <button type="submit">\(t["wb_access_open"])</button>
              </form>
            """)
    }

    /// Whether `role` works cases (a queue, forms) rather than only reading them.
    private static func works(_ role: Role) -> Bool { WorkbenchPageController.roles.contains(role) }

    /// The page in the layout; for a role that only reads cases, `main.read-only`, which shows
    /// no forms (the server refuses what they would post).
    private static func page(title: String, words t: Words, language: String, csrfToken: String, role: Role, body: HTML) -> HTML {
        Layout.signedIn(title, words: t, language: language, csrfToken: csrfToken, role: role).page(mainClass: works(role) ? nil : "read-only", body)
    }
}
