import ArrearsCore
import ArrearsStore
import Foundation

/// `/audit`: the chain's state, the search form, how many entries match, the export of them and
/// a page of them, newest first.
enum AuditView {
    static func page(_ page: AuditPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["cp_audit_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let form = page.form
        let verification = page.verification
        let chain: HTML
        if let broken = verification.firstBreak {
            chain = "<p class=\"error\" id=\"chain\" role=\"alert\">\(t["cp_chain_broken"].replacingOccurrences(of: "{entries}", with: String(max(0, verification.entries - 1))).replacingOccurrences(of: "{break}", with: breakWords(broken, t)))</p>"
        } else if let head = verification.head {
            chain = "<p class=\"notice\" id=\"chain\">\(t["cp_chain_intact"].replacingOccurrences(of: "{entries}", with: String(verification.entries)).replacingOccurrences(of: "{head}", with: "\(head.sequence):\(head.hash)"))</p>"
        } else {
            chain = "<p class=\"notice\" id=\"chain\">\(t["cp_chain_empty"])</p>"
        }
        func field(_ name: String, _ label: String, type: String = "text") -> HTML {
            """
            <label>\(t[label]) <input type="\(type)" name="\(name)" value="\(form.value(name, of: "search"))"\(form.invalid(name, of: "search"))></label>\(form.error(name, of: "search"))
            """
        }
        let criteria = ["actor", "subject", "action", "from", "to"].compactMap { name -> String? in
            guard let value = page.query[name], !value.isEmpty else { return nil }
            return "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#?"))) ?? "")"
        }.joined(separator: "&")
        let keep = criteria.isEmpty ? "" : "&" + criteria
        let zoneHeading = t["cp_local_time"].replacingOccurrences(of: "{zone}", with: page.zone.identifier)
        let rows: HTML = page.entries.items.isEmpty ? "<p class=\"notice\">\(t["wb_none"])</p>" : """
              <div class="scroll" tabindex="0"><table id="audit">
                <thead><tr><th>\(t["cp_sequence"])</th><th>\(zoneHeading)</th><th>\(t["cp_actor"])</th><th>\(t["cp_action"])</th><th>\(t["cp_subject"])</th><th>\(t["cp_details"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.entries.items) { entry in """
                <tr><td>\(entry.sequence)</td><td title="\(entry.at)">\(ConsoleForm.localTime(entry.at, in: page.zone))</td><td>\(entry.actor)</td><td title="\(entry.action)">\(t.code(.auditAction, entry.action))</td><td>\(entry.subject)</td><td title="\(entry.details)">\(CodeCatalogue.auditDetails(entry.details, in: page.zone, t))</td></tr>

            """ })    </tbody>
              </table></div>
            """
        let next: HTML = page.entries.nextCursor.map { "<p><a id=\"older\" href=\"/audit?lang=\(page.lang)\(keep)&cursor=\($0)\">\(t["cp_older"])</a></p>" } ?? ""
        return layout.page("""
              \(ConsoleForm.nav(t, language: page.lang, current: "/audit"))
              <h1>\(t["cp_audit_title"])</h1>
              \(chain)
              <form method="get" action="/audit" id="audit-search" class="stacked">
                <input type="hidden" name="lang" value="\(page.lang)">
                \(field("actor", "cp_actor"))
                \(field("subject", "cp_subject"))
                \(field("action", "cp_action"))
                \(field("from", "cp_period_from", type: "date"))
                \(field("to", "cp_period_to", type: "date"))
                <button type="submit">\(t["cp_search"])</button>
              </form>
              <p id="matches">\(t["cp_matches"].replacingOccurrences(of: "{count}", with: String(page.matches))) <a id="export" href="/audit/export?lang=\(page.lang)\(keep)">\(t["cp_export"])</a></p>
              \(rows)
              \(next)
            """)
    }

    /// The first break of the chain in the page's language.
    static func breakWords(_ broken: AuditChain.Break, _ t: Words) -> String {
        switch broken {
        case .altered(let sequence): t["cp_break_altered"].replacingOccurrences(of: "{n}", with: String(sequence))
        case .missing(let after, let found): t["cp_break_missing"].replacingOccurrences(of: "{n}", with: String(after)).replacingOccurrences(of: "{m}", with: String(found))
        case .unlinked(let sequence): t["cp_break_unlinked"].replacingOccurrences(of: "{n}", with: String(sequence))
        case .unaccountedErasure(let sequence, let run):
            t["cp_break_erasure"].replacingOccurrences(of: "{n}", with: String(sequence)).replacingOccurrences(of: "{run}", with: String(run))
        }
    }
}
