import Foundation

/// Everything the policy pack needs to know about one customer to judge a contact: where they
/// live in time, what is recorded about them, how they may be reached and who reached them lately.
public struct CustomerStanding: Sendable {
    public let customerId: String
    /// nil when the customer's time zone is missing or unknown: every contact is then blocked.
    public let timeZone: TimeZone?
    public var flags: [CustomerFlag]
    /// The customer's contact points by id; `mobile`, `email` and `address` when on file.
    public var contactPoints: [String: ContactPoint]
    public var appointments: [Appointment]
    /// Recent attempts (at least the pack's longest window), any order.
    public var attempts: [ContactAttempt]

    public init(customerId: String, timeZone: TimeZone?, flags: [CustomerFlag] = [], contactPoints: [String: ContactPoint] = [:],
                appointments: [Appointment] = [], attempts: [ContactAttempt] = []) {
        self.customerId = customerId
        self.timeZone = timeZone
        self.flags = flags
        self.contactPoints = contactPoints
        self.appointments = appointments
        self.attempts = attempts
    }

    func flag(_ kind: CustomerFlag.Kind, on date: LocalDate, for channel: ContactChannel) -> CustomerFlag? {
        flags.first { $0.kind == kind && $0.holds(on: date, for: channel) }
    }
}
