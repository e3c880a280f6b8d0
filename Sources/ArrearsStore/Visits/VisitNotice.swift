import Foundation

/// The advance notice of a field visit (seed 002: the customer is told beforehand and visited at
/// the agreed time), as an SMS in the customer's language with the window in their own time. It
/// names neither the customer nor the debt: whoever reads the phone learns only of a visit.
enum VisitNotice {
    static func text(language: String, from start: Date, to end: Date, in zone: TimeZone) -> String {
        let day = format("yyyy-MM-dd", start, zone), from = format("HH:mm", start, zone), to = format("HH:mm", end, zone)
        if language == "en" {
            return "Our field officers will visit you on \(day) between \(from) and \(to) as agreed, and will show their identification. "
                + "To change the time, reply or call us."
        }
        return "您好，我行外访人员将按约定于\(day) \(from)-\(to)上门拜访，届时将出示工作证件。如需改期，请回复或致电我行。"
    }

    private static func format(_ pattern: String, _ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
