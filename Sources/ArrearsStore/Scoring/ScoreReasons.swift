import ArrearsCore
import Foundation

/// A score's reasons as `account_scores.reasons` keeps them: a JSON array of `ScoreReason`.
enum ScoreReasons {
    /// `[{"feature":…,"contribution":…,"text":…}, …]`, written by hand: the daily run writes one
    /// per scored account and `JSONEncoder` would cost more than the scoring. Contributions are
    /// whole points for scorecards; other models' are written to 0.001 of a point.
    static func json(_ reasons: [ScoreReason]) -> String {
        var out = "["
        for (index, reason) in reasons.enumerated() {
            if index > 0 { out.append(",") }
            out.append("{\"feature\":")
            JSONText.appendQuoted(reason.feature, to: &out)
            out.append(",\"contribution\":")
            let contribution = reason.contribution.isFinite ? reason.contribution : 0
            out.append(contribution == contribution.rounded() && abs(contribution) < 1e15
                       ? String(Int64(contribution)) : String(format: "%.3f", contribution))
            out.append(",\"text\":")
            JSONText.appendQuoted(reason.text, to: &out)
            out.append("}")
        }
        return out + "]"
    }

    /// The stored reasons; none for scores written before reasons were kept (NULL) or unreadable.
    static func decode(_ text: String?) -> [ScoreReason] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([ScoreReason].self, from: Data(text.utf8))) ?? []
    }
}
