/// How personal data reads when it is not revealed: enough to recognise it on the phone
/// (`138****5678`, `1101**********123X`, `w***@example.com`), not enough to use it. An address
/// is hidden entirely; the customer's region stays visible beside it.
enum PersonalDataMask {
    /// The first 3 and last 4 characters; the last 2 only when the number is shorter than 8.
    static func mobile(_ value: String) -> String {
        keep(value, first: value.count >= 8 ? 3 : 0, last: value.count >= 8 ? 4 : 2)
    }

    /// The first 4 (the region code of a Chinese resident ID) and last 4 characters; the last 2
    /// only when the number is shorter than 12.
    static func idNumber(_ value: String) -> String {
        keep(value, first: value.count >= 12 ? 4 : 0, last: value.count >= 12 ? 4 : 2)
    }

    /// The first character of the local part and the whole domain.
    static func email(_ value: String) -> String {
        guard let at = value.lastIndex(of: "@"), at > value.startIndex else { return "***" }
        return String(value[value.startIndex]) + "***" + value[at...]
    }

    static func address(_ value: String) -> String { "***" }

    private static func keep(_ value: String, first: Int, last: Int) -> String {
        let characters = Array(value)
        guard characters.count > first + last else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(first)) + String(repeating: "*", count: characters.count - first - last) + String(characters.suffix(last))
    }
}
