import ArrearsCore

/// Money as the pages show it: the currency's own decimals, thousands grouped (`1,234,567.89`).
enum AmountDisplay {
    static func grouped(_ minorUnits: Int64, currency code: String) -> String {
        let decimal = DecimalAmount.format(minorUnits, minorDigits: Currency(code: code)?.minorDigits ?? 2)
        let parts = decimal.split(separator: ".", maxSplits: 1)
        let sign = parts[0].hasPrefix("-") ? "-" : ""
        let whole = Array(parts[0].drop { $0 == "-" })
        var out = sign
        for (index, character) in whole.enumerated() {
            if index > 0, (whole.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return parts.count > 1 ? out + "." + parts[1] : out
    }
}
