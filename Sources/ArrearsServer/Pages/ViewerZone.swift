import ArrearsStore
import Foundation
import Vapor

extension Request {
    /// The time zone this request's pages show times in, and the one a field agent's "today"
    /// follows: the signed-in user's own zone (`arrears user set-time-zone`) when they have one,
    /// else the bank's (`bank_time_zone` in `config/dates.yaml`), as for a request nobody signed
    /// in to. Every page asks here, so a change of zone reaches them all at the next request.
    var viewerZone: TimeZone {
        auth.get(SignedInUser.self)?.timeZone.flatMap { TimeZones.shared.zone($0) } ?? context.dateRules.bankTimeZone
    }
}
