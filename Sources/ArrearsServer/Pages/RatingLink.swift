import ArrearsCore
import Foundation

/// The signed link after a right-party contact where the customer rates it
/// (`/feedback/:token`, `FeedbackPageController`).
public enum RatingLink {
    static let purpose = "rate-contact"
    public static let lifetime: TimeInterval = 7 * 86_400

    /// The path of the rating link for an attempt, valid for `lifetime` from `now`.
    public static func path(attemptId: String, signer: LinkSigner, now: Date = Date()) -> String {
        "/feedback/" + signer.sign(purpose: purpose, subject: attemptId, expiresAt: now.addingTimeInterval(lifetime))
    }
}
