import ArrearsCore

/// The champion/challenger comparison in words (the analytics page and the monthly report), in
/// both languages: the headers that mark the primary measure and the secondaries, the verdict
/// on each challenger, and how the comparison is made.
struct ComparisonWords {
    let plan: ComparisonPlan
    private let words: [String: String]

    init(plan: ComparisonPlan, localizer: Localizer) {
        self.plan = plan
        words = localizer.language == .en ? Self.english : Self.chinese
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

    static let chinese: [String: String] = [
        "cc_measure_recovery_rate": "回收率", "cc_measure_cure_rate": "结清率", "cc_measure_promise_kept_rate": "承诺兑现率",
        "cc_unit_recovery_rate": "个案件", "cc_unit_cure_rate": "个案件", "cc_unit_promise_kept_rate": "笔已到期承诺",
        "cc_primary": "{measure}（主要指标）", "cc_secondary": "{measure}（次要指标）",
        "cc_p_value": "p 值（{measure}，Holm 校正）",
        "cc_secondaries": "次要指标",
        "cc_method": "各组以{primary}为主要指标与冠军组比较，{secondaries}为次要指标，仅供参考。p 值按 Holm 方法对 {challengers} 个挑战组统一校正；每组至少 {minimum} 个样本（比例指标另需成功与失败各至少 10 个）方下结论。区间为 95% 置信区间。",
        "cc_and": "、",
        "cc_higher": "显著高于冠军组", "cc_lower": "显著低于冠军组", "cc_not_significant": "差异不显著",
        "cc_needed": "数据尚不足。要以 80% 的检验效能发现目前所见的差异，每组约需 {needed} {unit}（本组 {own} {unit}，冠军组 {champion} {unit}）。",
        "cc_no_difference": "数据尚不足。目前未见差异；每组至少需 {minimum} {unit}（本组 {own} {unit}，冠军组 {champion} {unit}）。",
        "cc_secondary_p": "{measure} p = {p}", "cc_secondary_significant": "{measure} p = {p}，显著", "cc_secondary_not_enough": "{measure}：数据尚不足",
        "cc_separator": "；",
    ]

    static let english: [String: String] = [
        "cc_measure_recovery_rate": "recovery rate", "cc_measure_cure_rate": "cure rate", "cc_measure_promise_kept_rate": "promise-kept rate",
        "cc_unit_recovery_rate": "cases", "cc_unit_cure_rate": "cases", "cc_unit_promise_kept_rate": "settled promises",
        "cc_primary": "{measure} (primary)", "cc_secondary": "{measure} (secondary)",
        "cc_p_value": "p-value ({measure}, Holm)",
        "cc_secondaries": "Secondary",
        "cc_method": "Challengers are compared with the champion on the {primary} (the primary measure); the {secondaries} are secondary, shown for context. p-values are corrected by Holm's method across the {challengers} challenger(s); a cell is judged only from {minimum} cases on (and, for a proportion, 10 successes and 10 failures). Intervals are 95% confidence intervals.",
        "cc_and": " and ",
        "cc_higher": "significantly higher than the champion", "cc_lower": "significantly lower than the champion", "cc_not_significant": "not significant",
        "cc_needed": "Not enough data yet. To detect the difference seen at 80% power, each cell needs about {needed} {unit} (this cell has {own}, the champion {champion}).",
        "cc_no_difference": "Not enough data yet. No difference seen so far; each cell needs at least {minimum} {unit} (this cell has {own}, the champion {champion}).",
        "cc_secondary_p": "{measure} p = {p}", "cc_secondary_significant": "{measure} p = {p}, significant", "cc_secondary_not_enough": "{measure}: not enough data yet",
        "cc_separator": "; ",
    ]

    /// `key`'s words with each `{name}` replaced by its value.
    private func say(_ key: String, _ values: [String: String] = [:]) -> String {
        values.reduce(words[key] ?? key) { text, value in text.replacingOccurrences(of: "{\(value.key)}", with: value.value) }
    }
}
