import Foundation

extension PolicyPack {
    /// May `request` be made to customer `customerId`, whose standing is `standing`? No standing
    /// means there is no such customer: nothing is known to check, so the contact is blocked
    /// (`unevaluable`), never allowed.
    public func check(_ request: ContactRequest, customerId: String, standing: CustomerStanding?) -> PolicyDecision {
        guard let standing else { return .block(Self.unevaluable, "there is no customer '\(customerId)'") }
        return check(request, for: standing)
    }

    /// The verdicts on many contacts, from their customers' standings (by customer id; an absent
    /// one is no such customer), in the order of `requests`.
    public func check(_ requests: [(customerId: String, request: ContactRequest)], standings: [String: CustomerStanding]) -> [PolicyDecision] {
        requests.map { check($0.request, customerId: $0.customerId, standing: standings[$0.customerId]) }
    }
}
