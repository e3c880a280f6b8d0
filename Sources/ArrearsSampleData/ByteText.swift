import ArrearsCore

/// Text built byte by byte, so that the generator's hot loop never goes through `String`
/// interpolation or Foundation formatting.
extension Array where Element == UInt8 {
    /// Appends `value` in decimal, left-padded with zeros to at least `width` digits.
    mutating func appendDecimal<Number: BinaryInteger>(_ value: Number, width: Int = 1) {
        precondition(value >= 0, "only non-negative numbers are written")
        var remaining = UInt64(value)
        var digits = 1
        var probe = remaining
        while probe >= 10 { probe /= 10; digits += 1 }
        let length = Swift.max(digits, width)
        let start = count
        append(contentsOf: repeatElement(UInt8(ascii: "0"), count: length))
        var index = start + length - 1
        repeat {
            self[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
            remaining /= 10
            index -= 1
        } while remaining > 0
    }

    /// Appends an amount of minor units as a decimal with exactly `minorDigits` decimals
    /// (`123456` with 2 digits is `1234.56`), the format `DecimalAmount.parse` reads.
    mutating func appendAmount(_ minorUnits: Int64, minorDigits: Int) {
        guard minorDigits > 0 else { return appendDecimal(minorUnits) }
        var scale: Int64 = 1
        for _ in 0..<minorDigits { scale *= 10 }
        appendDecimal(minorUnits / scale)
        append(UInt8(ascii: "."))
        appendDecimal(minorUnits % scale, width: minorDigits)
    }

    /// Appends the date as `YYYY-MM-DD`.
    mutating func appendDate(_ date: LocalDate) {
        let (year, month, day) = date.components
        appendDecimal(year, width: 4)
        append(UInt8(ascii: "-"))
        appendDecimal(month, width: 2)
        append(UInt8(ascii: "-"))
        appendDecimal(day, width: 2)
    }

    /// Appends `text`'s UTF-8 bytes.
    mutating func appendText(_ text: String) { append(contentsOf: text.utf8) }
}
