import Foundation

/// A complaint as it is logged: who complained, about which case (when it is about one), how it
/// reached the bank and what it is about.
public struct NewComplaint: Sendable {
    /// How the complaint reached the bank.
    public enum Channel: String, CaseIterable, Sendable, Codable {
        case call, sms, email, letter, visit, branch, web, regulator
    }

    public let customerId: String
    public let caseId: String?
    public let channel: Channel
    /// The bank's own category (for example `harassment`, `wrong_amount`, `privacy`); 1 to 64 characters.
    public let category: String
    public let description: String?
    public let openedAt: Date

    public init(customerId: String, caseId: String?, channel: Channel, category: String, description: String?, openedAt: Date) {
        self.customerId = customerId
        self.caseId = caseId
        self.channel = channel
        self.category = category
        self.description = description
        self.openedAt = openedAt
    }
}
