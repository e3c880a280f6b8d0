import ArrearsCore
import Foundation

/// The values the route fuzzer tries, by the kind of field they go into: the boundaries where
/// parsing and arithmetic break (dates at the calendar's ends and leap days, integers at the
/// 32- and 64-bit limits, amounts beyond what minor units can hold), text that stresses storage
/// and rendering (10,000 characters, NUL, right-to-left and emoji), and values of the wrong type.
enum FuzzValues {
    /// A field's kind, guessed from its schema and name.
    enum Kind: Equatable {
        case date, timestamp, integer, amount, share, identifier, text, boolean, enumeration([String]), object, list
    }

    static let longText = String(repeating: "x", count: 10_000)
    static let rightToLeft = "\u{202E}مرحبا بالعالم שלום"
    static let emoji = "👩‍👩‍👧‍👦🏳️‍🌈💸"

    static let dates = ["0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2026-13-45", "0000-00-00", "20261231", ""]
    static let timestamps = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "2024-02-29T12:00:00Z", "2023-02-29T12:00:00Z", "not a time"]
    /// JSON number tokens, written as they go on the wire.
    static let integers = ["0", "-1", "2147483647", "-2147483648", "2147483648", "9223372036854775807", "-9223372036854775808",
                           "9223372036854775808", "1e400", "1.5"]
    static let amounts = ["0", "-1", "0.001", "92233720368547758.07", "9223372036854775807", "99999999999999999999999.99", "1e9", "NaN"]
    static let shares = ["0%", "100%", "-1%", "1000000%", "1e400%", "12.345678%"]
    static let texts = [longText, "\u{0}", "a\u{0}b", rightToLeft, emoji, "   ", ""]
    static let identifiers = ["   ", "\u{0}", "a\u{0}b", longText, rightToLeft, emoji, "9223372036854775808"]

    /// JSON tokens of the wrong type for any field.
    static let wrongTypes = ["123", "true", "null", "[]", "{}", #"{"a":1}"#]

    /// The boundary values of `kind`, as JSON tokens.
    static func tokens(for kind: Kind) -> [String] {
        switch kind {
        case .date: dates.map(json)
        case .timestamp: timestamps.map(json)
        case .integer: integers + [json("1")]
        case .amount: amounts.map(json) + ["100"]
        case .share: shares.map(json)
        case .identifier: identifiers.map(json)
        case .text: texts.map(json)
        case .boolean: ["0", json("true")]
        case .enumeration: [json("unknown_value"), json(longText), json("\u{0}")]
        case .object, .list: []
        }
    }

    /// The same values as query or form text (not JSON).
    static func texts(for kind: Kind) -> [String] {
        switch kind {
        case .date: dates
        case .timestamp: timestamps
        case .integer: integers + ["x", ""]
        case .amount: amounts
        case .share: shares
        case .identifier: identifiers
        case .text, .object, .list: texts
        case .boolean: ["maybe", "1"]
        case .enumeration: ["unknown_value", longText, "\u{0}"]
        }
    }

    /// A JSON string token for `text` (the core's escaper).
    static func json(_ text: String) -> String { JSONText.quoted(text) }

    /// `text` percent-encoded for a path segment or a query value.
    static func percentEncoded(_ text: String) -> String {
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// The kind of a field, from its schema and, for strings, its name and description.
    static func kind(name: String, schema: [String: Any]) -> Kind {
        if let values = schema["enum"] as? [Any] { return .enumeration(values.map { "\($0)" }) }
        let type = (schema["type"] as? String) ?? ((schema["type"] as? [Any])?.first as? String) ?? "string"
        switch type {
        case "integer", "number": return .integer
        case "boolean": return .boolean
        case "object": return .object
        case "array": return .list
        default: break
        }
        let description = (schema["description"] as? String ?? "").lowercased()
        let format = schema["format"] as? String ?? ""
        if format == "date-time" || name.hasSuffix("_at") || name == "at" || description.contains("iso 8601") { return .timestamp }
        if format == "date" || description.contains("yyyy-mm-dd") || name.hasSuffix("_on") || name.hasSuffix("date") || name == "pay_by" || name == "on" {
            return .date
        }
        if name.contains("share") { return .share }
        if description.contains("decimal") || name.contains("amount") { return .amount }
        if name == "id" || name.hasSuffix("_id") || name == "cursor" { return .identifier }
        return .text
    }
}

/// The fuzzer's choices come from the core's seeded SplitMix64, so that a failing run can be
/// repeated exactly.
typealias FuzzRandom = SeededGenerator

extension SeededGenerator {
    /// `count` of `items`, chosen without repetition and kept in their order.
    mutating func sample<T>(_ items: [T], count: Int) -> [T] {
        guard items.count > count else { return items }
        var indices = Array(items.indices)
        for i in stride(from: indices.count - 1, to: 0, by: -1) {
            indices.swapAt(i, Int(next() % UInt64(i + 1)))
        }
        return indices.prefix(count).sorted().map { items[$0] }
    }
}
