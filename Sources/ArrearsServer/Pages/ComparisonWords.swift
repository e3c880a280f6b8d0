import ArrearsCore

/// The champion/challenger comparison in words (the analytics page and the monthly report), in
/// both languages: the headers that mark the primary measure and the secondaries, the verdict
/// on each challenger, and how the comparison is made.
struct ComparisonWords {
    let plan: ComparisonPlan
    private let words: [String: String]

    init(plan: ComparisonPlan, localizer: Localizer) {
        self.plan = plan
        words = localizer.table
    }

    /// The rate columns in `CellComparison`'s order: recovery, cure, promise-kept.
    static let columns: [ComparisonPlan.Measure] = [.recoveryRate, .cureRate, .promiseKeptRate]

    var rateHeaders: [String] {
        Self.columns.map { measure in capitalised(say(measure == plan.primary ? "cc_primary" : "cc_secondary", ["measure": name(measure)])) }
    }

    var pValueHeader: String { say("cc_p_value", ["measure": name(plan.primary)]) }
    var secondaryHeader: String { say("cc_secondaries") }

    func method(challengers: Int) -> String {
        say("cc_method", ["primary": name(plan.primary), "secondaries": plan.secondaries.map(name).joined(separator: say("cc_and")),
                          "challengers": String(challengers), "minimum": String(plan.minimumCases)])
    }

    /// `cell`'s line, beside `champion` (the champion's own comparison).
    func line(_ cell: CellComparison, champion: CellComparison?) -> AnalyticsView.CellLine {
        let primary = cell.rate(plan.primary)
        let code: String, verdict: String
        if cell.isChampion {
            (code, verdict) = ("champion", "–")
        } else if !primary.hasEnoughData {
            let counts = ["unit": say("cc_unit_" + plan.primary.rawValue), "own": String(primary.units),
                          "champion": String(champion?.rate(plan.primary).units ?? 0), "minimum": String(plan.minimumCases)]
            let needed = primary.unitsNeeded.map { say("cc_needed", counts.merging(["needed": String($0)]) { $1 }) } ?? say("cc_no_difference", counts)
            (code, verdict) = ("not_enough_data", needed)
        } else if primary.isSignificant {
            (code, verdict) = ("significant", say((primary.versusChampion?.z ?? 0) > 0 ? "cc_higher" : "cc_lower"))
        } else {
            (code, verdict) = ("not_significant", say("cc_not_significant"))
        }
        let secondary = cell.isChampion ? "–" : plan.secondaries.map { measure in
            let rate = cell.rate(measure)
            guard rate.hasEnoughData else { return say("cc_secondary_not_enough", ["measure": name(measure)]) }
            let p = Self.pText(rate.adjustedPValue)
            return say(rate.isSignificant ? "cc_secondary_significant" : "cc_secondary_p", ["measure": name(measure), "p": p])
        }.joined(separator: say("cc_separator"))
        return AnalyticsView.CellLine(
            cell: cell.cell, champion: cell.isChampion, cases: cell.cases,
            rates: Self.columns.map { measure in
                let rate = cell.rate(measure)
                let interval = rate.interval.map { " [\(AnalyticsView.percent($0.lower)), \(AnalyticsView.percent($0.upper))]" } ?? ""
                return AnalyticsView.percent(rate.rate) + interval
            },
            costPerRecovered: cell.figures.costPerUnitRecovered.map { String(format: "%.3f", $0) } ?? "–",
            pValue: Self.pText(primary.adjustedPValue), significant: cell.significant, verdictCode: code, verdict: verdict,
            secondary: secondary)
    }

    /// A p-value to three places, "< 0.001" below that; "–" for none.
    static func pText(_ p: Double?) -> String {
        guard let p else { return "–" }
        return p < 0.001 ? "< 0.001" : String(format: "%.3f", p)
    }

    private func name(_ measure: ComparisonPlan.Measure) -> String { say("cc_measure_" + measure.rawValue) }

    private func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }



    /// `key`'s words with each `{name}` replaced by its value.
    private func say(_ key: String, _ values: [String: String] = [:]) -> String {
        values.reduce(words[key] ?? key) { text, value in text.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }
}
