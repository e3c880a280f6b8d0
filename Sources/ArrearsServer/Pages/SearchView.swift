import ArrearsCore
import ArrearsStore

/// The search page (`SearchPageController`): the form, and after a search the customers found,
/// each leading to the open case, or, for a collector whose queue it is not in, to the
/// inbound-call form that opens it with a reason.
enum SearchView {
    struct Result {
        let hit: CustomerSearchHit
        /// Whether the user may open a customer outside their queue for a call (collectors).
        let takesInboundCalls: Bool
    }

    static func page(query: String, mobileEnding: String, results: [Result]?, error: String?, words t: Words, language: String, csrfToken: String,
                     role: Role) -> HTML {
        let body: HTML = """
            <h1>\(t["se_title"])</h1>
            <form id="search" method="post" action="/search?lang=\(language)" class="search">
              <input type="hidden" name="csrf_token" value="\(csrfToken)">
              <label>\(t["se_query"]) <input name="query" value="\(query)" required maxlength="100" autocomplete="off" autofocus></label>
              <label>\(t["se_mobile_ending"]) <input name="mobile_ending" value="\(mobileEnding)" inputmode="numeric" pattern="[0-9]{4}" maxlength="4" autocomplete="off"></label>
              <button type="submit">\(t["se_search"])</button>
            </form>
            <p class="hint">\(t["se_privacy"])</p>
            \(error.map { "<p class=\"notice\" id=\"form-error\">\(t["se_error"]): \($0)</p>" as HTML } ?? "")
            \(results.map { resultsHTML($0, words: t, language: language, csrfToken: csrfToken) } ?? "")
            """
        return Layout.signedIn(t["se_title"], words: t, language: language, csrfToken: csrfToken, role: role).page(body)
    }

    private static func resultsHTML(_ results: [Result], words t: Words, language: String, csrfToken: String) -> HTML {
        guard !results.isEmpty else { return "<p id=\"no-results\">\(t["se_none"])</p>" }
        return """
            <table id="results">
              <thead><tr><th>\(t["se_customer"])</th><th>\(t["se_matched_by"])</th><th>\(t["se_case"])</th></tr></thead>
              <tbody>
            \(HTML.each(results) { result in
                """
                <tr><td>\(result.hit.name) <small>\(result.hit.customerId)</small></td><td>\(t["se_match_" + result.hit.matchedBy.rawValue])</td>
                <td>\(caseCell(result, words: t, language: language, csrfToken: csrfToken))</td></tr>
                """
            })
              </tbody>
            </table>
            \(results.count >= CustomerSearch.limit ? "<p>\(t["se_more"])</p>" as HTML : "")
            """
    }

    private static func caseCell(_ result: Result, words t: Words, language: String, csrfToken: String) -> HTML {
        guard let caseId = result.hit.openCaseId else { return "\(t["se_no_open_case"])" }
        if result.hit.inScope { return "<a href=\"/work/cases/\(caseId)?lang=\(language)\">\(t["se_open_case"]) \(caseId)</a>" }
        guard result.takesInboundCalls else { return "\(caseId)" }
        return """
            <form class="access" method="post" action="/work/cases/\(caseId)/access?lang=\(language)">
              <p>\(t["se_not_yours"])</p>
              <input type="hidden" name="csrf_token" value="\(csrfToken)">
              <label>\(t["se_reason"]) <input name="reason" required minlength="10" maxlength="500"></label>
              <button type="submit">\(t["se_open_for_call"]) \(caseId)</button>
            </form>
            """
    }
}
