import ArrearsCore
import ArrearsStore

/// `/outbox`: the count of messages in each delivery state (each a link to that state's list),
/// then the messages of the chosen state with a retry button on each failed one.
enum OutboxView {
    static func page(_ page: OutboxPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["cp_outbox_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let csrf: HTML = "<input type=\"hidden\" name=\"csrf_token\" value=\"\(csrfToken)\">"
        let form = page.form
        let states = HTML.each(OutboxStatus.allCases) { status in
            let label = "\(t.code(.outboxStatus, status.rawValue)) "
            let count = page.counts[status] ?? 0
            return status == page.status ? "<li><strong>\(label)\(count)</strong></li>"
                : "<li><a href=\"/outbox?lang=\(page.lang)&status=\(status.rawValue)\">\(label)<strong>\(count)</strong></a></li>"
        }
        let all: HTML = page.status == nil ? "<li><strong>\(t["cp_all_statuses"])</strong></li>" : "<li><a href=\"/outbox?lang=\(page.lang)\">\(t["cp_all_statuses"])</a></li>"
        let zoneHeading = t["cp_local_time"].replacingOccurrences(of: "{zone}", with: page.zone.identifier)
        func time(_ utc: String?) -> String { ConsoleForm.localTime(utc, in: page.zone) }
        let rows: HTML = page.messages.items.isEmpty ? "<p class=\"notice\">\(t["wb_none"])</p>" : """
              <div class="scroll" tabindex="0"><table id="outbox">
                <thead><tr><th>\(t["cp_message"])</th><th>\(t["wb_customer"])</th><th>\(t["wb_channel"])</th><th>\(t["cp_business_date"])</th><th>\(t["cp_status"])</th><th>\(t["cp_attempts"])</th><th>\(t["cp_next_attempt"]) · \(zoneHeading)</th><th>\(t["cp_last_error"])</th><th>\(t["cp_sent"])</th><th>\(t["cp_delivered"])</th><th></th></tr></thead>
                <tbody>
            \(HTML.each(page.messages.items) { message in
                let key = "retry:\(message.id)"
                let retry: HTML = message.status == OutboxStatus.failed.rawValue
                    ? "<form method=\"post\" action=\"/outbox/\(message.id)/retry?lang=\(page.lang)\" class=\"inline\">\(csrf)<button type=\"submit\">\(t["cp_retry"])</button></form>"
                    : ""
                return """
                <tr id="message-\(message.id)" class="\(message.status)"><td>\(message.id)</td><td>\(message.customerId)</td><td>\(t.code(.channel, message.channel))</td><td>\(message.businessDate)</td><td>\(t.code(.outboxStatus, message.status))</td><td>\(message.attempts)</td><td>\(time(message.nextAttemptAt))</td><td>\(message.lastError ?? "–")</td><td>\(time(message.sentAt))</td><td>\(time(message.deliveredAt))</td><td>\(retry)\(form.error("retry", of: key))</td></tr>

                """
            })    </tbody>
              </table></div>
            """
        let statusQuery = page.status.map { "&status=\($0.rawValue)" } ?? ""
        let next: HTML = page.messages.nextCursor.map { "<p><a id=\"more\" href=\"/outbox?lang=\(page.lang)\(statusQuery)&cursor=\($0)\">\(t["cp_more"])</a></p>" } ?? ""
        return layout.page("""
              \(ConsoleForm.nav(t, language: page.lang, current: "/outbox"))
              <h1>\(t["cp_outbox_title"])</h1>
              \(page.done.map { "<p class=\"notice\" id=\"done\" role=\"status\">\(t[$0])</p>" as HTML } ?? "")
              <ul id="outbox-states" class="counts">\(all)\(states)</ul>
              \(rows)
              \(next)
            """)
    }
}
