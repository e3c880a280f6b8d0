import ArrearsCore

/// An account's scores on the case page, each with its reasons in words (issue 26): the
/// feature's name in the page's language, the customer's bin, and the points it cost, so that a
/// collector and a regulator can see why a customer scores what they do.
enum ScoreReasonWords {
    /// One paragraph per score: "Propensity to pay (pay30-v2): 587 points · probability 41.2% ·
    /// Why: Days past due [30, 60) −24 · Credit rating D, E −11"; nothing when there are no scores.
    static func scores(_ scores: [AccountJSON.ScoreJSON], language: String) -> HTML {
        let words = Catalogue.table(Language(rawValue: language) ?? .default)
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


}
