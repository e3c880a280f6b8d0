import ArrearsCore
import Foundation

/// A score's reasons as `account_scores.reasons` keeps them: a JSON array of `ScoreReason`.
enum ScoreReasons {
    static func json(_ reasons: [ScoreReason]) -> String {
        // Reasons hold strings and finite numbers: encoding cannot fail, and [] stands in if it did.
        (try? JSONEncoder().encode(reasons)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    /// The stored reasons; none for scores written before reasons were kept (NULL) or unreadable.
    static func decode(_ text: String?) -> [ScoreReason] {
        guard let text else { return [] }
        return (try? JSONDecoder().decode([ScoreReason].self, from: Data(text.utf8))) ?? []
    }
}
