import Foundation

/// One contact that happened: a call dialled, a message sent, a visit made. Every attempt, by
/// every collector and agency, counts toward the pack's caps.
public struct ContactAttempt: Sendable, Equatable {
    public enum Outcome: String, CaseIterable, Sendable, Codable {
        case noAnswer = "no_answer"
        case busy
        case voicemail
        case invalidNumber = "invalid_number"
        case wrongParty = "wrong_party"
        case thirdPartyMessage = "third_party_message"
        case rightPartyContact = "right_party_contact"
        case promiseToPay = "promise_to_pay"
        case refusal
        case dispute
        case hardship
        case callback
        /// The customer asked that collection contact stop (`config/outcomes.yaml`: recorded as
        /// the pack reads such a request).
        case ceaseRequest = "cease_request"
        /// The person reached says the customer has died.
        case deceased
        case sent
        case visitMet = "visit_met"
        case visitNotHome = "visit_not_home"

        /// A conversation with the customer themself: counts as a connected call (cn) and a
        /// telephone conversation (Regulation F).
        public var isConversation: Bool {
            switch self {
            case .rightPartyContact, .promiseToPay, .refusal, .dispute, .hardship, .callback, .ceaseRequest, .visitMet: true
            default: false
            }
        }

        /// The attempt failed to reach anyone on the customer's behalf.
        public var failedToReach: Bool {
            switch self {
            case .noAnswer, .busy, .voicemail, .invalidNumber, .wrongParty, .visitNotHome: true
            default: false
            }
        }
    }

    public let at: Date
    public let channel: ContactChannel
    public let contactPoint: String
    public let outcome: Outcome

    public init(at: Date, channel: ContactChannel, contactPoint: String, outcome: Outcome) {
        self.at = at
        self.channel = channel
        self.contactPoint = contactPoint
        self.outcome = outcome
    }
}
