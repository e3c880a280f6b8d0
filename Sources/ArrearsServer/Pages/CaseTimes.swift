import ArrearsCore
import Foundation

/// Instants as people read them on the pages: `2026-12-07 08:00` in a zone, never raw UTC
/// (issue 25). A text that is not an instant (a date alone) is shown as it is.
enum CaseTimes {
    static func local(_ iso: String, in zone: TimeZone) -> String {
        guard iso.count > 10, let instant = UTCTimestamp.instant(iso) else { return iso }
        return local(instant, in: zone)
    }

    static func local(_ instant: Date, in zone: TimeZone) -> String {
        let moment = LocalMoment(instant, in: zone)
        let (hour, minute) = (moment.minuteOfDay / 60, moment.minuteOfDay % 60)
        return "\(moment.date) \(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute)"
    }
}
