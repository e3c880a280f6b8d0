/// Why the daily run refused a date.
public enum DailyRunError: Error, Equatable, CustomStringConvertible {
    /// `date` comes before `lastCompleted`, the latest date that completed, and backdating was
    /// not asked for: running it would move every account's stored position back in time and
    /// decide the cases on that older picture.
    case earlierThanLastCompleted(date: String, lastCompleted: String)

    public var description: String {
        switch self {
        case .earlierThanLastCompleted(let date, let lastCompleted):
            "\(date) is earlier than \(lastCompleted), the last business date that completed: running it would move every "
                + "account's position back to \(date); give --backdate to run it on purpose"
        }
    }
}
