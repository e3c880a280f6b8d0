import ArrearsCore

/// The daily runs page (`/runs`): the delinquency trend, the champion/challenger cells and the
/// recent runs.
enum RunsView {
    static func page(_ page: RunsPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t)
        let layout = Layout.signedIn(t["runs_title"], words: t, language: page.lang, csrfToken: csrfToken, role: role)
        let chart: HTML = page.chart.map { chart in """
              <h2>\(t["trend"])</h2>
              <figure class="chart">
                <svg id="trend" viewBox="0 0 600 120" role="img" aria-label="\(t["trend"])">
                  <polyline points="\(chart.points)" fill="none" stroke="#9b1c1c" stroke-width="2"/>
                </svg>
                <figcaption>\(chart.first) – \(chart.last) · \(t["minimum"]) \(chart.minimum) · \(t["maximum"]) \(chart.maximum)</figcaption>
              </figure>

            """ } ?? ""
        let cells: HTML = page.cells.isEmpty ? "    <p class=\"notice\">\(t["no_runs"])</p>" : """
              <div class="scroll" tabindex="0"><table id="cells">
                <thead><tr><th>\(t["cell"])</th><th class="num">\(t["cases"])</th><th class="num">\(t["cured"])</th><th class="num">\(t["cure_rate"])</th><th class="num">\(t["recovered"]) (\(t["recovery_rate"]))</th></tr></thead>
                <tbody>
            \(HTML.each(page.cells) { cell in """
                  <tr data-cell="\(cell.cell)"><td>\(cell.cell)</td><td class="num">\(cell.cases)\(HTML.each(cell.casesByCurrency) { "<br><small data-currency=\"\($0.currency)\">\($0.currency) \($0.cases)</small>" })</td><td class="num">\(cell.cured)</td><td class="num">\(cell.cureRate)</td><td class="num">\(cell.collected)</td></tr>

                """ })    </tbody>
              </table></div>
            """
        let runs: HTML = page.runs.isEmpty ? "    <p class=\"notice\">\(t["no_runs"])</p>" : """
              <div class="scroll" tabindex="0"><table id="runs">
                <thead><tr><th>\(t["business_date"])</th><th>\(t["strategy"])</th><th class="num">\(t["open"])</th><th class="num">\(t["opened"])</th><th class="num">\(t["closed"])</th><th class="num">\(t["actions"])</th><th class="num">\(t["messages"])</th><th class="num">\(t["tasks_assigned"])</th><th class="num">\(t["tasks_queued"])</th><th>\(t["promises"])</th></tr></thead>
                <tbody>
            \(HTML.each(page.runs) { run in """
                  <tr><td>\(run.date)</td><td>\(run.strategy)</td><td class="num">\(run.openCases)</td><td class="num">\(run.opened)</td><td class="num">\(run.closed)</td><td class="num">\(run.actions)</td><td class="num">\(run.messages)</td><td class="num">\(run.tasksAssigned)</td><td class="num">\(run.tasksQueued)</td><td>\(run.promises)</td></tr>

                """ })    </tbody>
              </table></div>
            """
        return layout.page("""
              <h1>\(t["runs_title"])</h1>
            \(chart)
              <h2>\(t["cells"]) \(page.from) – \(page.to)</h2>
              <p class="definitions" id="cell-definitions">\(t["period_definitions"]) \(t["over_100"])\(page.opensAnalytics ? " <a href=\"/analytics?by=cell&from=\(page.from)&to=\(page.to)&lang=\(page.lang)\">\(t["same_on_analytics"])</a>" as HTML : "")</p>
            \(cells)

              <h2>\(t["recent_runs"])</h2>
            \(runs)
            """)
    }
}
