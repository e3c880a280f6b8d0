import Foundation

/// Reads the named columns of one input row, collecting every error instead of stopping at the
/// first. Record parsers use it so that each rule is written once.
public struct FieldReader {
    /// Set for readers made from a lookup; otherwise the row's fields are read through the
    /// file's column names and positions (stored properties, not an enum's payload: taking a
    /// payload apart copied, and retained, all three arrays on every field read).
    private let lookup: ((String) -> String)?
    private let names: [String]
    private let positions: [Int]
    private let fields: [String]
    public private(set) var errors: [FieldError] = []

    /// `value` returns the text of a column, or "" when the row has no such column.
    public init(_ value: @escaping (String) -> String) {
        lookup = value
        names = []
        positions = []
        fields = []
    }

    /// Reads `fields`, a row of a file whose column `names[i]` is at `positions[i]`; a column
    /// not named, or beyond the row's end, reads "". No closure is made: an import makes one
    /// reader for every row of a file of millions.
    public init(names: [String], positions: [Int], fields: [String]) {
        lookup = nil
        self.names = names
        self.positions = positions
        self.fields = fields
    }

    private func value(_ column: String) -> String {
        if let lookup { return lookup(column) }
        // A look along the header's few names: comparing short strings costs less than hashing one.
        guard let slot = names.firstIndex(of: column) else { return "" }
        let position = positions[slot]
        return position < fields.count ? fields[position] : ""
    }

    public mutating func fail(_ column: String, _ message: String) {
        errors.append(FieldError(column: column, message: message))
    }

    /// A required identifier: 1 to 64 characters, no control characters, no surrounding spaces.
    public mutating func identifier(_ column: String) -> String {
        let text = value(column)
        if text.isEmpty {
            fail(column, "is empty; an id is required")
        } else if text.utf8.count > 64, text.count > 64 {
            fail(column, "is longer than 64 characters")
        } else if text.containsControlCharacters {
            fail(column, "contains control characters")
        } else if (text.utf8.first == 0x20 || text.utf8.last == 0x20) && (text.first == " " || text.last == " ") {
            // Bytes first: taking a string's first and last characters apart costs more than
            // the rest of the check, on two ids of every row.
            fail(column, "'\(text)' has leading or trailing spaces")
        }
        return text
    }

    public mutating func requiredText(_ column: String, maxLength: Int) -> String {
        let text = value(column).trimmingSpaces
        if text.isEmpty { fail(column, "is empty; a value is required") }
        else if text.utf8.count > maxLength, text.count > maxLength { fail(column, "is longer than \(maxLength) characters") }
        return text
    }

    public mutating func optionalText(_ column: String, maxLength: Int) -> String? {
        let text = value(column).trimmingSpaces
        if text.isEmpty { return nil }
        if text.utf8.count > maxLength, text.count > maxLength { fail(column, "is longer than \(maxLength) characters") }
        return text
    }

    /// A date `YYYY-MM-DD` within `range` (itself within `LocalDate.supportedRange`).
    public mutating func date(_ column: String, within range: ClosedRange<LocalDate> = LocalDate.supportedRange) -> LocalDate {
        do { return try LocalDate.parse(value(column), within: range) } catch {
            fail(column, error.description)
            return LocalDate(daysSinceEpoch: 0)
        }
    }

    /// An amount of zero or more in `currency`; `emptyMeansZero` for components that may be left blank.
    public mutating func amount(_ column: String, currency: Currency, emptyMeansZero: Bool = false) -> Int64 {
        let text = value(column)
        if emptyMeansZero, text.trimmingSpaces.isEmpty { return 0 }
        do {
            return try DecimalAmount.parse(text, minorDigits: currency.minorDigits)
        } catch {
            fail(column, error.description)
            return 0
        }
    }

    public mutating func currency(_ column: String) -> Currency {
        let text = value(column).trimmingSpaces
        if text.isEmpty { return .cny }
        guard let currency = Currency(code: text) else {
            fail(column, "'\(text)' is not a known ISO 4217 currency code")
            return .cny
        }
        return currency
    }

    public mutating func oneOf<T: RawRepresentable & CaseIterable>(
        _ column: String, _ type: T.Type, default defaultValue: T? = nil
    ) -> T? where T.RawValue == String {
        let text = value(column).trimmingSpaces
        if text.isEmpty, let defaultValue { return defaultValue }
        guard let parsed = T(rawValue: text) else {
            let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
            fail(column, text.isEmpty ? "is empty; one of \(allowed) is required" : "'\(text)' is not one of \(allowed)")
            return nil
        }
        return parsed
    }

    public func raw(_ column: String) -> String { value(column) }
}

extension String {
    /// The text without leading and trailing spaces and tabs. Cheap when there are none, which
    /// is nearly always: import files hold millions of fields.
    var trimmingSpaces: String {
        let utf8 = self.utf8
        guard let first = utf8.first, let last = utf8.last else { return self }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        guard isSpace(first) || isSpace(last) else { return self }
        return String(self.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }

    /// Whether any character is a control character (C0, DEL or C1), checked on bytes for ASCII.
    var containsControlCharacters: Bool {
        var ascii = true
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F { return true }
            if byte >= 0x80 { ascii = false }
        }
        return ascii ? false : unicodeScalars.contains { $0.properties.generalCategory == .control }
    }
}
