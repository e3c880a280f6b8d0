import ArrearsCore

/// Amounts as people read them on pages: thousands grouped, the currency's own minor digits.
enum AmountDisplay {
    /// `123456789` CNY → `1,234,567.89`; `-5000` JPY → `-5,000`. Written digit by digit: the
    /// queue page shows eighty of these.
    static func grouped(_ minorUnits: Int64, currency code: String) -> String {
        let minorDigits = Currency(code: code)?.minorDigits ?? 2
        var scale: UInt64 = 1
        for _ in 0..<minorDigits { scale *= 10 }
        let magnitude = minorUnits.magnitude
        let whole = Array(String(magnitude / scale).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(whole.count + whole.count / 3 + minorDigits + 2)
        if minorUnits < 0 { out.append(UInt8(ascii: "-")) }
        for (index, digit) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { out.append(UInt8(ascii: ",")) }
            out.append(digit)
        }
        if minorDigits > 0 {
            out.append(UInt8(ascii: "."))
            let fraction = Array(String(magnitude % scale).utf8)
            out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: minorDigits - fraction.count))
            out.append(contentsOf: fraction)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
