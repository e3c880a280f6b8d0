import ArrearsCore
import ArrearsStore
import ArrearsWorkflows
import Foundation
import SQLKit

/// The signed link after a right-party contact where the customer rates it
/// (`/feedback/:token`, `FeedbackPageController`). It is sent to the customer alone
/// (`RatingInvitation`), never shown to whoever recorded the contact: a collector holding it
/// could rate their own calls. Each link names its one attempt, which is rated once.
public enum RatingLink {
    static let purpose = "rate-contact"
    public static let lifetime: TimeInterval = 7 * 86_400

    /// The path of the rating link for an attempt, valid for `lifetime` from `now`.
    public static func path(attemptId: String, signer: LinkSigner, now: Date = Date()) -> String {
        "/feedback/" + signer.sign(purpose: purpose, subject: attemptId, expiresAt: now.addingTimeInterval(lifetime))
    }

    /// After `attempt`, when it was a conversation: queues the SMS that sends the customer the
    /// full link (`ServerContext.publicURL`), in the caller's transaction.
    static func invite(_ attempt: ContactRecords.NewAttempt, context: ServerContext, now: Date = Date(), on database: any SQLDatabase) async throws {
        guard attempt.outcome.isConversation else { return }
        let link = context.publicURL + path(attemptId: attempt.id, signer: context.store.links, now: now)
        try await RatingInvitation.enqueue(attemptId: attempt.id, customerId: attempt.customerId, link: link, now: now, store: context.store, on: database)
    }
}
