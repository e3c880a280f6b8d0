import ArrearsCore

/// An account's scores on the case page, each with its reasons in words (issue 26): the
/// feature's name in the page's language, the customer's bin, and the points it cost, so that a
/// collector and a regulator can see why a customer scores what they do.
enum ScoreReasonWords {
    /// One paragraph per score: "Propensity to pay (pay30-v2): 587 points · probability 41.2% ·
    /// Why: Days past due [30, 60) −24 · Credit rating D, E −11"; nothing when there are no scores.
    static func scores(_ scores: [AccountJSON.ScoreJSON], language: String) -> HTML {
        let words = language == Language.en.rawValue ? english : chinese
        func word(_ key: String) -> String { words[key] ?? key }
        return HTML.each(scores) { score in
            let list = HTML.each(score.reasons.enumerated()) { index, reason in
                let separator: HTML = index > 0 ? " · " : ""
                return "\(separator)<span class=\"reason\" data-feature=\"\(reason.feature)\">\(word("feature_" + reason.feature)) \(binText(reason.text, words: words)) \(points(reason.contribution))</span>"
            }
            let reasons: HTML = score.reasons.isEmpty ? "" : " · \(word("why")): \(list)"
            return """
                  <p class="score" data-target="\(score.target)">\(word("target_" + score.target)) (\(score.modelId)): \(Int(score.points)) \(word("points")) · \(word("probability_" + score.target)) \(String(format: "%.1f%%", score.probability * 100))\(reasons)</p>

                """
        }
    }

    /// Bin labels are numbers and categories, except a few words the binning writes.
    private static func binText(_ label: String, words: [String: String]) -> String {
        if label == "missing" || label == "other" || label == "all" { return words["bin_" + label] ?? label }
        if label.hasPrefix("special ") { return (words["bin_special"] ?? "special") + " " + label.dropFirst("special ".count) }
        return label.replacingOccurrences(of: ", other", with: ", " + (words["bin_other"] ?? "other"))
    }

    private static func points(_ contribution: Double) -> String {
        let rounded = Int(contribution.rounded())
        return rounded < 0 ? "\u{2212}\(-rounded)" : "+\(rounded)"
    }

    static let english: [String: String] = [
        "why": "Why", "points": "points",
        "target_pay30": "Propensity to pay", "target_roll": "Roll-forward risk",
        "probability_pay30": "chance of paying in 30 days", "probability_roll": "chance of rolling",
        "bin_missing": "not known", "bin_other": "other", "bin_all": "any", "bin_special": "code",
        "feature_dpd": "Days past due", "feature_overdue_share": "Overdue share of the balance", "feature_outstanding": "Outstanding balance",
        "feature_months_on_book": "Months on book", "feature_paid_90d_ratio": "Paid of due, last 90 days", "feature_payments_90d": "Payments, last 90 days",
        "feature_days_since_payment": "Days since the last payment", "feature_late_dues_12m": "Dues paid late, last 12 months",
        "feature_promises_90d": "Promises, last 90 days", "feature_promises_broken_90d": "Broken promises, last 90 days",
        "feature_attempts_30d": "Contact attempts, last 30 days", "feature_rpc_30d": "Conversations with the customer, last 30 days",
        "feature_product": "Product", "feature_credit_rating": "Credit rating",
    ]

    static let chinese: [String: String] = [
        "why": "原因", "points": "分",
        "target_pay30": "还款倾向", "target_roll": "迁徙风险",
        "probability_pay30": "30 天内还款概率", "probability_roll": "迁徙概率",
        "bin_missing": "未知", "bin_other": "其他", "bin_all": "任意", "bin_special": "代码",
        "feature_dpd": "逾期天数", "feature_overdue_share": "逾期金额占余额比例", "feature_outstanding": "未还余额",
        "feature_months_on_book": "开户月数", "feature_paid_90d_ratio": "近 90 天还款占应还比例", "feature_payments_90d": "近 90 天还款次数",
        "feature_days_since_payment": "距上次还款天数", "feature_late_dues_12m": "近 12 个月逾期还款期数",
        "feature_promises_90d": "近 90 天承诺还款次数", "feature_promises_broken_90d": "近 90 天违约承诺次数",
        "feature_attempts_30d": "近 30 天联系次数", "feature_rpc_30d": "近 30 天与本人通话次数",
        "feature_product": "产品", "feature_credit_rating": "信用评级",
    ]
}
