/// The words that say what the analytics pages count (`/analytics`, `/reports/monthly`, `/runs`):
/// the period and the definitions of docs/kpis.md, added to `Localizer`'s table.
enum AnalyticsWords {
    static func table(_ localizer: Localizer) -> [String: String] {
        localizer.table.merging(localizer.language == .en ? CaseWords.english : CaseWords.chinese) { _, own in own }
            .merging(localizer.language == .en ? CodeCatalogue.english : CodeCatalogue.chinese) { _, own in own }
            .merging(localizer.language == .en ? english : chinese) { _, own in own }
    }

    static let chinese: [String: String] = [
        "period": "统计期间",
        "period_definitions": "案件数：统计期间内至少有一天处于在催状态的案件（与“分析”页按单元统计的口径相同）。治愈率 = 期间内以“治愈”结案的案件 ÷ 案件数。回收率 = 期间内、案件开立之后在这些案件账户上的还款 ÷ 各案件开立当日这些账户的逾期金额。",
        "over_100": "† 回收率可高于 100%：分母只是案件开立当日的逾期金额，而期间内的还款还包括开立之后才到期的分期和提前还款。",
        "same_on_analytics": "在“分析”页查看同一期间",
        "model_kind": "类型",
        "model_kind_scorecard": "评分卡",
        "model_kind_gbm": "梯度提升树",
        "model_auc_cost": "与最佳 AUC 之差",
        "model_best": "最佳",
        "model_kinds_caption": "评分卡可由催收员和监管者逐项解读；梯度提升树作为挑战者与其并列。“与最佳 AUC 之差”是各模型在留出月份上的 AUC 减去同一目标下最佳模型的 AUC：即可解读的评分卡在 AUC 上的代价。",
    ]

    static let english: [String: String] = [
        "period": "Period",
        "period_definitions": "Cases: cases open on at least one day of the period (the same count as the analytics page by cell). Cure rate = cases closed as cured in the period ÷ cases. Recovery rate = payments in the period on the cases' accounts after each case opened ÷ the overdue on those accounts on the day each case opened.",
        "over_100": "† A recovery rate can exceed 100%: it divides by the overdue on the day the case opened only, while the period's payments also cover instalments that fell due after it opened and early repayments.",
        "same_on_analytics": "the same period on the analytics page",
        "model_kind": "Kind",
        "model_kind_scorecard": "scorecard",
        "model_kind_gbm": "boosted trees",
        "model_auc_cost": "AUC vs best",
        "model_best": "best",
        "model_kinds_caption": "A scorecard can be read point by point by a collector and a regulator; gradient-boosted trees stand beside it as its challenger. “AUC vs best” is each model's hold-out AUC less that of the best model of the same target: what the readable scorecard costs in AUC.",
    ]
}
