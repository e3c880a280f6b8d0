import ArrearsCore
import Foundation

/// The overview page (`/`): the buckets with their counts and amounts, then the most delinquent
/// accounts, filtered by bucket, a page at a time.
enum PortfolioView {
    static func page(_ page: PortfolioPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t), lang = page.lang
        let layout = Layout.signedIn(t["title"], words: t, language: lang, csrfToken: csrfToken, role: role)
        let asOf: HTML = page.asOf.map { asOf in
            "    <p class=\"as-of\">\(t["as_of"]): <time id=\"as-of\">\(asOf)</time> · \(t["total_delinquent"]): <span id=\"delinquent-count\">\(page.delinquentCount)</span></p>"
        } ?? "    <p class=\"notice\">\(t["no_positions"])</p>"
        let overdue: HTML = page.overdue.map { "    <p class=\"notice alert\" id=\"run-overdue\" role=\"alert\">\($0)</p>\n" } ?? ""
        let buckets = HTML.each(page.buckets) { line in
            let label: HTML = line.delinquent ? "<a href=\"?bucket=\(query(line.bucket))&lang=\(lang)\">\(line.label)</a>" : "\(line.label)"
            return """
                  <tr data-bucket="\(line.bucket)">
                    <td>\(label)</td>
                    <td>\(line.currency)</td>
                    <td class="num">\(line.accounts)</td>
                    <td class="num">\(line.overdue)</td>
                    <td class="num">\(line.outstanding)</td>
                  </tr>

                """
        }
        let selected: HTML = " class=\"selected\""
        let filters = HTML.each(page.bucketNames) { name in
            "    <a href=\"?bucket=\(query(name))&lang=\(lang)\"\(name == page.selectedBucket ? selected : "")>\(name)</a>\n"
        }
        let accounts: HTML = page.accounts.isEmpty ? "    <p class=\"notice\">\(t["none"])</p>" : """
              <div class="scroll" tabindex="0"><table id="accounts">
                <thead><tr><th>\(t["account"])</th><th>\(t["customer"])</th><th>\(t["product"])</th><th class="num">\(t["dpd"])</th><th>\(t["bucket"])</th><th class="num">\(t["overdue"])</th><th class="num">\(t["outstanding"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.accounts) { account in """
                  <tr>
                    <td>\(account.accountId)</td><td>\(account.customerId)</td><td>\(account.product)</td>
                    <td class="num">\(account.dpd)</td><td><span class="badge bucket" data-bucket="\(account.bucket)">\(t.code(.bucket, account.bucket))</span></td>
                    <td class="num">\(account.overdue) \(account.currency)</td><td class="num">\(account.outstanding) \(account.currency)</td>
                  </tr>

                """ })    </tbody>
              </table></div>
            """
        let bucketQuery: HTML = page.selectedBucket.map { "&bucket=\(query($0))" } ?? ""
        let previous: HTML = page.previousPage.map { "    <a rel=\"prev\" href=\"?page=\($0)\(bucketQuery)&lang=\(lang)\">\(t["previous"])</a>\n" } ?? ""
        let next: HTML = page.nextPage.map { "    <a rel=\"next\" href=\"?page=\($0)\(bucketQuery)&lang=\(lang)\">\(t["next"])</a>\n" } ?? ""
        return layout.page("""
              <h1>\(t["title"])</h1>
            \(overdue)\(asOf)
              <div class="scroll" tabindex="0"><table id="buckets">
                <thead><tr><th>\(t["bucket"])</th><th>\(t["currency"])</th><th class="num">\(t["accounts"])</th><th class="num">\(t["overdue"])</th><th class="num">\(t["outstanding"])</th></tr></thead>
                <tbody>
            \(buckets)    </tbody>
              </table></div>

              <h2>\(t["delinquent_accounts"])</h2>
              <nav class="filters">
                <a href="?lang=\(lang)"\(page.selectedBucket == nil ? selected : "")>\(t["all_buckets"])</a>
            \(filters)  </nav>
            \(accounts)
              <nav class="pages">
            \(previous)\(next)  </nav>
            """)
    }

    /// A bucket's name in a query: `181+` would otherwise arrive as `181 `.
    private static func query(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: queryValue) ?? value
    }

    private static let queryValue = CharacterSet.urlQueryAllowed.subtracting(CharacterSet(charactersIn: "&=+#"))
}
