import ArrearsCore

/// The two pages drawn from an `AnalyticsView`: the analytics page (`/analytics`, with its
/// period and dimension filters) and the printable monthly report (`/reports/monthly`, by
/// segment, team and collector). Both end with the same charts, cells and models.
enum AnalyticsPages {
    static func analytics(_ page: AnalyticsPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t), lang = page.lang, view = page.view
        let layout = Layout.signedIn(t["analytics_title"], words: t, language: lang, csrfToken: csrfToken, role: role)
        let selected: HTML = " selected"
        let dimensions = HTML.each(view.dimensions) { "<option value=\"\($0)\"\($0 == view.by ? selected : "")>\(t.code(.dimension, $0))</option>" }
        let kpis: HTML = view.kpis.isEmpty ? "  <p class=\"notice\">\(t["no_history"])</p>" : kpiTable(id: "kpis", view.kpis, t)
        return layout.page("""
              <h1>\(t["analytics_title"])</h1>
              <form class="filters" method="get" action="/analytics">
                <input type="hidden" name="lang" value="\(lang)">
                <label>\(t["from"]) <input type="date" name="from" value="\(view.from)"></label>
                <label>\(t["to"]) <input type="date" name="to" value="\(view.to)"></label>
                <label>\(t["by"]) <select name="by"><option value="">\(t["overall"])</option>\(dimensions)</select></label>
                <button type="submit">\(t["show"])</button>
                <a href="/analytics/kpis.csv?from=\(view.from)&to=\(view.to)&by=\(view.by)">CSV</a>
              </form>
              <h2>\(t["kpis"]) \(view.from) – \(view.to)</h2>
            \(definitions(view, t))
            \(kpis)
            \(charts(view, t))
            """)
    }

    static func monthly(_ page: AnalyticsPageController.Page, csrfToken: String, role: Role) -> HTML {
        let t = Words(table: page.t), lang = page.lang, view = page.view
        let title = "\(t["monthly_title"]) \(page.month ?? "")"
        let layout = Layout.signedIn(title, words: t, language: lang, csrfToken: csrfToken, role: role)
        let segments: HTML = view.kpis.isEmpty ? "  <p class=\"notice\">\(t["no_history"])</p>" : kpiTable(id: "segments", view.kpis, t)
        return layout.page(mainClass: "report", """
              <h1>\(title)</h1>
              <p class="notice">\(view.from) – \(view.to) · \(t["monthly_intro"]) \(t["print_hint"])</p>
            \(definitions(view, t))
              <h2>\(t["by_segment"])</h2>
            \(segments)
              <h2>\(t["by_team"])</h2>
            \(kpiTable(id: "teams", page.teams, t))
              <h2>\(t["by_collector"])</h2>
            \(kpiTable(id: "collectors", page.collectors, t))
            \(charts(view, t))
            """)
    }

    /// What the page counts: its period and the definitions of the rates (docs/kpis.md).
    private static func definitions(_ view: AnalyticsView, _ t: Words) -> HTML {
        """
          <p class="definitions" id="definitions"><strong>\(t["period"]) \(view.from) – \(view.to).</strong> \(t["period_definitions"]) \(t["over_100"])</p>
        """
    }

    /// The KPIs, a line per group and currency.
    private static func kpiTable(id: String, _ lines: [AnalyticsView.KPILine], _ t: Words) -> HTML {
        """
          <div class="scroll" tabindex="0"><table id="\(id)" class="kpis">
          <thead><tr><th>\(t["group"])</th><th>\(t["currency"])</th><th class="num">\(t["cases"])</th><th class="num">\(t["cure_rate"])</th><th class="num">\(t["recovered"])</th><th class="num">\(t["recovery_rate"])</th><th class="num">\(t["delinquency_rate"])</th><th class="num">\(t["rpc_rate"])</th><th class="num">\(t["promise_rate"])</th><th class="num">\(t["kept_rate"])</th><th class="num">\(t["contacts_per_rpc"])</th><th class="num">\(t["cost"])</th><th class="num">\(t["cost_per_recovered"])</th><th class="num">\(t["net_recovery"])</th><th class="num">\(t["satisfaction"])</th><th class="num">\(t["complaint_rate"])</th><th class="num">\(t["quality_score"])</th></tr></thead>
          <tbody>
        \(HTML.each(lines) { line in """
            <tr data-group="\(line.group)"><td>\(CodeCatalogue.group(line.group, t))</td><td>\(line.currency)</td><td class="num">\(line.cases)</td><td class="num">\(line.cureRate)</td><td class="num">\(line.recovered)</td><td class="num">\(line.recoveryRate)</td><td class="num">\(line.delinquencyRate)</td><td class="num">\(line.rpcRate)</td><td class="num">\(line.promiseRate)</td><td class="num">\(line.keptRate)</td><td class="num">\(line.contactsPerRPC)</td><td class="num">\(line.cost)</td><td class="num">\(line.costPerRecovered)</td><td class="num">\(line.netRecovery)</td><td class="num">\(line.satisfaction)</td><td class="num">\(line.complaintRate)</td><td class="num">\(line.quality)</td></tr>

        """ })  </tbody>
        </table></div>
        """
    }

    /// The delinquency trend, the bucket transitions, the contact funnel, the cells compared and
    /// the models, each chart or table with a notice when there is nothing to show yet.
    private static func charts(_ view: AnalyticsView, _ t: Words) -> HTML {
        let noHistory: HTML = "  <p class=\"notice\">\(t["no_history"])</p>"
        func figure(_ svg: String?, caption: String? = nil) -> HTML? {
            svg.map { "  <figure class=\"chart\">\(HTML(trusted: $0))\(caption.map { "<figcaption>\($0)</figcaption>" as HTML } ?? "")</figure>" }
        }
        let cells: HTML = view.cells.isEmpty ? noHistory : """
              <p class="notice" id="cell-method">\(view.cellMethod)</p>
              <div class="scroll" tabindex="0"><table id="cells">
                <thead><tr><th>\(t["cell"])</th><th class="num" id="cells-currency">\(t["cases"]) (\(view.currency))</th>\(HTML.each(view.rateHeaders) { "<th class=\"num\">\($0)</th>" })<th class="num">\(t["cost_per_recovered"])</th><th class="num">\(view.pValueHeader)</th><th>\(t["verdict"])</th><th>\(view.secondaryHeader)</th></tr></thead>
                <tbody>
            \(HTML.each(view.cells) { cell in
                let champion: HTML = cell.champion ? " (\(t["champion"]))" : ""
                return """
                      <tr data-cell="\(cell.cell)"><td>\(cell.cell)\(champion)</td><td class="num">\(cell.cases)</td>\(HTML.each(cell.rates) { "<td class=\"num\">\($0)</td>" })<td class="num">\(cell.costPerRecovered)</td><td class="num">\(cell.pValue)</td><td data-verdict="\(cell.verdictCode)">\(cell.verdict)</td><td>\(cell.secondary)</td></tr>

                    """ })    </tbody>
              </table></div>
            """
        let models: HTML = view.models.isEmpty ? "  <p class=\"notice\">\(t["no_models"])</p>" : """
              <div class="scroll" tabindex="0"><table id="models">
                <thead><tr><th>\(t["model"])</th><th>\(t["target"])</th><th>\(t["status"])</th><th>\(t["model_kind"])</th><th>\(t["as_of"])</th><th class="num">AUC</th><th class="num">\(t["model_auc_cost"])</th><th class="num">KS</th><th class="num">Gini</th><th class="num">PSI</th><th>\(t["stability"])</th></tr></thead>
                <tbody>
            \(HTML.each(view.models) { model in """
                  <tr data-model="\(model.id)"><td>\(model.id)</td><td>\(model.target)</td><td>\(model.status)</td><td data-kind="\(model.kind)">\(t["model_kind_" + model.kind])</td><td>\(model.asOf)</td><td class="num">\(model.auc)</td><td class="num" data-auc-cost>\(model.aucCost ?? t["model_best"])</td><td class="num">\(model.ks)</td><td class="num">\(model.gini)</td><td class="num">\(model.lastPSI)</td><td>\(model.stability)</td></tr>

                """ })    </tbody>
              </table></div>
              <p class="hint">\(t["model_kinds_caption"])</p>
            """
        return """
              <h2>\(t["delinquency_trend"])</h2>
            \(figure(view.trendChart) ?? noHistory)

              <h2>\(t["transition_matrix"])</h2>
            \(figure(view.transitionChart, caption: t["transition_caption"]) ?? noHistory)

              <h2>\(t["contact_funnel"])</h2>
            \(figure(view.funnelChart) ?? noHistory)

              <h2>\(t["recovery_by_cell"])</h2>
            \(figure(view.cellChart, caption: t["cell_caption"]).map { "\($0)\n" as HTML } ?? "")\(cells)
              <h2>\(t["models"])</h2>
            \(figure(view.psiChart, caption: t["psi_caption"]).map { "\($0)\n" as HTML } ?? "")\(models)
            """
    }
}
