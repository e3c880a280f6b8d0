import ArrearsCore
import ArrearsStore
import Foundation

/// The SMS that tell the customer of a field visit (seed 002: the customer is told beforehand and
/// visited at the agreed time), in the customer's language with the window in their own time: the
/// advance notice, and the word that a visit was called off. They name neither the customer nor
/// the debt: whoever reads the phone learns only of a visit.
enum VisitNotice {
    /// An SMS to the customer about visit `visitId` (id `<visit id>:<purpose>`, the visit its
    /// action), its `text` in the customer's `language`, in `timeZone` (UTC when unknown), dated
    /// today (UTC).
    static func message(_ purpose: String, visitId: String, customerId: String, mobile: String, language: String, timeZone: String, now: Date,
                        text: (_ language: String, _ zone: TimeZone) -> String) -> OutboxMessage {
        let zone = TimeZones.shared.zone(timeZone) ?? .gmt
        return OutboxMessage(id: visitId + ":" + purpose, actionId: visitId, customerId: customerId, channel: "sms", recipient: mobile, language: language,
                             subject: nil, body: text(language, zone), businessDate: LocalMoment(now, offset: 0).date.description)
    }

    static func text(language: String, from start: Date, to end: Date, in zone: TimeZone) -> String {
        let (day, from, to) = window(start, end, zone)
        if language == "en" {
            return "Our field officers will visit you on \(day) between \(from) and \(to) as agreed, and will show their identification. "
                + "To change the time, reply or call us."
        }
        return "您好，我行外访人员将按约定于\(day) \(from)-\(to)上门拜访，届时将出示工作证件。如需改期，请回复或致电我行。"
    }

    /// The visit of that window is cancelled: nobody will come.
    static func cancellation(language: String, from start: Date, to end: Date, in zone: TimeZone) -> String {
        let (day, from, to) = window(start, end, zone)
        if language == "en" {
            return "The visit of our field officers planned for \(day) between \(from) and \(to) is cancelled; nobody will come. "
                + "For any question, reply or call us."
        }
        return "您好，我行原定于\(day) \(from)-\(to)的上门拜访已取消，届时不会有外访人员上门。如有疑问，请回复或致电我行。"
    }

    private static func window(_ start: Date, _ end: Date, _ zone: TimeZone) -> (day: String, from: String, to: String) {
        (format("yyyy-MM-dd", start, zone), format("HH:mm", start, zone), format("HH:mm", end, zone))
    }

    private static func format(_ pattern: String, _ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
