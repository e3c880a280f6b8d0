import ArrearsCore
import Foundation

/// The signed link in the daily run's reminders (`{pay_url}`) that opens the customer's
/// self-service page without a login: it names the customer and expires `lifetimeDays` after
/// the business date it was sent on (issue 5, "Customer self-service").
public enum SelfServiceLink {
    public static let purpose = "self-service"
    public static let lifetimeDays = 14

    /// The token for `customerId` in a message of `businessDate`. The same day and customer
    /// always give the same token.
    public static func token(customerId: String, businessDate: LocalDate, signer: LinkSigner) -> String {
        let expiry = Date(timeIntervalSince1970: Double(businessDate.adding(days: lifetimeDays).daysSinceEpoch) * 86_400)
        return signer.sign(purpose: purpose, subject: customerId, expiresAt: expiry)
    }
}
