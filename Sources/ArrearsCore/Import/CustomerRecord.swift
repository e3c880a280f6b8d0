import Foundation

/// One customer as the bank's data team sends it (`customers.csv`).
public struct CustomerRecord: Equatable, Sendable {
    public static let columns = ["customer_id", "name", "id_number", "mobile", "email", "address", "region", "time_zone", "language", "credit_rating"]
    public static let requiredColumns = ["customer_id", "name", "credit_rating"]
    public static let defaultTimeZone = "Asia/Shanghai"

    public var id: String
    public var name: String
    public var idNumber: String?
    public var mobile: String?
    public var email: String?
    public var address: String?
    public var region: String?
    public var timeZone: String
    public var language: Language
    public var creditRating: CreditRating

    public init(id: String, name: String, idNumber: String?, mobile: String?, email: String?, address: String?,
                region: String?, timeZone: String, language: Language, creditRating: CreditRating) {
        self.id = id; self.name = name; self.idNumber = idNumber; self.mobile = mobile; self.email = email
        self.address = address; self.region = region; self.timeZone = timeZone; self.language = language
        self.creditRating = creditRating
    }

    public init(reading row: inout FieldReader) throws(RowErrors) {
        let id = row.identifier("customer_id")
        let name = row.requiredText("name", maxLength: 200)
        let idNumber = row.optionalText("id_number", maxLength: 32)
        if let idNumber, !Self.isLettersAndDigits(idNumber) {
            row.fail("id_number", "'\(idNumber)' may contain only letters and digits")
        }
        let mobile = row.optionalText("mobile", maxLength: 32)
        if let mobile, !Self.isPhoneNumber(mobile) {
            row.fail("mobile", "'\(mobile)' is not a phone number (digits, optional leading +, 5 to 20 digits)")
        }
        let email = row.optionalText("email", maxLength: 254)
        if let email, !Self.isEmail(email) { row.fail("email", "'\(email)' is not an e-mail address") }
        let address = row.optionalText("address", maxLength: 500)
        let region = row.optionalText("region", maxLength: 100)
        let zone = row.optionalText("time_zone", maxLength: 64) ?? Self.defaultTimeZone
        if !Self.isTimeZone(zone) { row.fail("time_zone", "'\(zone)' is not an IANA time zone such as Asia/Shanghai") }
        let language = row.oneOf("language", Language.self, default: .default)
        let rating = row.oneOf("credit_rating", CreditRating.self)
        guard row.errors.isEmpty, let language, let rating else { throw RowErrors(row.errors) }
        self.init(id: id, name: name, idNumber: idNumber, mobile: mobile, email: email, address: address,
                  region: region, timeZone: zone, language: language, creditRating: rating)
    }

    /// The zones the system's time-zone database lists, looked up once.
    private static let knownTimeZones = Set(TimeZone.knownTimeZoneIdentifiers)

    static func isTimeZone(_ identifier: String) -> Bool {
        knownTimeZones.contains(identifier) || TimeZone(identifier: identifier) != nil
    }

    // The checks below look at bytes: Character properties and Foundation's searches were a
    // tenth of a customers import. In the first two any byte outside ASCII fails, as any
    // character outside ASCII did; an e-mail address may hold other characters.

    /// ASCII letters and digits only.
    static func isLettersAndDigits(_ text: String) -> Bool {
        text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// Digits, spaces and dashes, with an optional leading +, and 5 to 20 digits.
    static func isPhoneNumber(_ text: String) -> Bool {
        var digits = 0
        for (index, byte) in text.utf8.enumerated() {
            if (0x30...0x39).contains(byte) { digits += 1 }
            else if byte == UInt8(ascii: "+") && index == 0 { continue }
            else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") { continue }
            else { return false }
        }
        return (5...20).contains(digits)
    }

    /// One @ with something before it, a domain after it that has a dot but neither starts nor
    /// ends with one, and no spaces.
    static func isEmail(_ text: String) -> Bool {
        let bytes = text.utf8
        guard let at = bytes.firstIndex(of: UInt8(ascii: "@")), at != bytes.startIndex else { return false }
        let domain = bytes[bytes.index(after: at)...]
        guard !domain.contains(UInt8(ascii: "@")), !bytes.contains(UInt8(ascii: " ")), domain.contains(UInt8(ascii: ".")),
              domain.first != UInt8(ascii: "."), domain.last != UInt8(ascii: ".") else { return false }
        return true
    }
}
