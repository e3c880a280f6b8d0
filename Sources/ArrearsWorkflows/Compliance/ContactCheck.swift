import ArrearsCore
import ArrearsStore
import Foundation
import SQLKit

/// `arrears check-contact` and its API twin: the pack's verdict on one contact about to be made,
/// from the customer's records (`ContactCheckRecords`; in the database by default). The rule
/// itself is the core's (`PolicyPack.check(_:customerId:standing:)`); a queue in the store that
/// judges its page reads the standings and applies that rule itself.
public enum ContactCheck {
    public static func check(customerId: String, _ request: ContactRequest, settings: PolicySettings,
                             on database: any SQLDatabase) async throws -> PolicyDecision {
        try await check(customerId: customerId, request, settings: settings, records: SQLContactCheckRecords(database: database))
    }

    public static func check(customerId: String, _ request: ContactRequest, settings: PolicySettings,
                             records: any ContactCheckRecords) async throws -> PolicyDecision {
        let standing = try await records.standing(of: customerId, at: request.at, lookbackDays: settings.pack.lookbackDays)
        return settings.pack.check(request, customerId: customerId, standing: standing)
    }

    /// The verdicts on many contacts at one moment, with the records read once for all their
    /// customers (the same verdicts as `check` one by one).
    public static func check(_ requests: [(customerId: String, request: ContactRequest)], at instant: Date, settings: PolicySettings,
                             on database: any SQLDatabase) async throws -> [PolicyDecision] {
        try await check(requests, at: instant, settings: settings, records: SQLContactCheckRecords(database: database))
    }

    public static func check(_ requests: [(customerId: String, request: ContactRequest)], at instant: Date, settings: PolicySettings,
                             records: any ContactCheckRecords) async throws -> [PolicyDecision] {
        let standings = try await records.standings(of: requests.map(\.customerId), at: instant, lookbackDays: settings.pack.lookbackDays)
        return settings.pack.check(requests, standings: standings)
    }
}
