import Foundation

/// A time the customer agreed to be contacted (a call back at 22:30, a visit on Tuesday at 10:00),
/// and when they were told of it: seed 002 asks that field visits be notified in advance and
/// agreed with the customer.
public struct Appointment: Sendable, Equatable {
    public let channel: ContactChannel
    public let startsAt: Date
    public let endsAt: Date
    /// When the customer was notified; nil when not yet.
    public let notifiedAt: Date?

    public init(channel: ContactChannel, startsAt: Date, endsAt: Date, notifiedAt: Date?) {
        self.channel = channel
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.notifiedAt = notifiedAt
    }

    public func covers(_ instant: Date, channel: ContactChannel) -> Bool {
        self.channel == channel && startsAt <= instant && instant <= endsAt
    }
}
