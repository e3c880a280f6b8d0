import ArrearsCore

/// A currency generated accounts are in, with a rough exchange rate so that a loan in Hong
/// Kong dollars or in yen is about as large as the same loan in yuan.
struct AccountCurrency: Equatable {
    static let cny = AccountCurrency(code: "CNY", minorUnitsPerYuan: 100)
    static let hkd = AccountCurrency(code: "HKD", minorUnitsPerYuan: 108)
    static let usd = AccountCurrency(code: "USD", minorUnitsPerYuan: 14)
    static let jpy = AccountCurrency(code: "JPY", minorUnitsPerYuan: 21)

    let currency: Currency
    /// The ISO code as written in the files.
    let code: [UInt8]
    /// Minor units of this currency worth about one yuan.
    private let minorUnitsPerYuan: Int64

    private init(code: String, minorUnitsPerYuan: Int64) {
        currency = Currency(code: code)!
        self.code = Array(code.utf8)
        self.minorUnitsPerYuan = minorUnitsPerYuan
    }

    var minorDigits: Int { currency.minorDigits }

    /// About `yuan` yuan in this currency, in minor units, rounded down to a multiple of
    /// `wholeUnits` units of this currency, and never less than one such multiple.
    func minorUnits(yuan: Int64, roundTo wholeUnits: Int64 = 1) -> Int64 {
        let step = wholeUnits * currency.minorUnitsPerMajor
        return max(step, yuan * minorUnitsPerYuan / step * step)
    }

    /// About `fen` fen in this currency, in minor units, never rounded down to zero.
    func minorUnits(fen: Int64) -> Int64 { max(1, fen * minorUnitsPerYuan / 100) }

    /// `minorUnits` rounded down to whole units of the currency (`523.47` to `523.00`), unless
    /// that would make it zero.
    func roundedDown(_ minorUnits: Int64) -> Int64 {
        let unit = currency.minorUnitsPerMajor
        return minorUnits >= unit ? minorUnits / unit * unit : minorUnits
    }
}
