/// An ISO 4217 currency with the number of minor digits it is quoted in.
///
/// Amounts in Arrears are integers of minor units (fen for CNY, cents for USD, whole yen for
/// JPY), so the number of minor digits is what turns `1234.56` into `123456`.
public struct Currency: Hashable, Sendable, CustomStringConvertible {
    public let code: String
    public let minorDigits: Int

    /// The currency with this ISO 4217 code, or `nil` when Arrears does not know it.
    public init?(code: String) {
        guard let digits = Currency.minorDigitsByCode[code] else { return nil }
        self.code = code
        self.minorDigits = digits
    }

    /// A constant code in the table below: no input reaches this unwrap.
    public static let cny = Currency(code: "CNY")!
    public static let defaultCode = "CNY"

    public var description: String { code }

    /// Ten to the power of `minorDigits`: minor units in one major unit.
    public var minorUnitsPerMajor: Int64 {
        var result: Int64 = 1
        for _ in 0..<minorDigits { result *= 10 }
        return result
    }

    /// ISO 4217 minor digits of the currencies a lender in Arrears' markets meets.
    static let minorDigitsByCode: [String: Int] = [
        "CNY": 2, "HKD": 2, "MOP": 2, "TWD": 2, "USD": 2, "EUR": 2, "GBP": 2, "CHF": 2,
        "AUD": 2, "NZD": 2, "CAD": 2, "SGD": 2, "MYR": 2, "THB": 2, "PHP": 2, "INR": 2,
        "IDR": 2, "PKR": 2, "BDT": 2, "LKR": 2, "SEK": 2, "NOK": 2, "DKK": 2, "PLN": 2,
        "CZK": 2, "HUF": 2, "RUB": 2, "TRY": 2, "ZAR": 2, "BRL": 2, "MXN": 2, "AED": 2,
        "SAR": 2, "QAR": 2, "EGP": 2, "NGN": 2, "KES": 2, "ILS": 2, "ARS": 2, "COP": 2,
        "PEN": 2, "KZT": 2, "UAH": 2, "RON": 2,
        "JPY": 0, "KRW": 0, "VND": 0, "CLP": 0, "ISK": 0, "UGX": 0, "XAF": 0, "XOF": 0,
        "PYG": 0, "RWF": 0,
        "BHD": 3, "KWD": 3, "OMR": 3, "JOD": 3, "TND": 3, "LYD": 3, "IQD": 3,
    ]
}
