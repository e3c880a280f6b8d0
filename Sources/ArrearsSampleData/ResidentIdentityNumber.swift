import ArrearsCore

/// An 18-character PRC resident identity number (GB 11643-1999): the six-digit code of the
/// district of registration, the birth date as `YYYYMMDD`, a three-digit sequence number, and
/// an ISO 7064 MOD 11-2 check character that is a digit or `X`.
enum ResidentIdentityNumber {
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432".utf8)

    static func make(districtCode: Int, birthDate: LocalDate, sequence: Int) -> [UInt8] {
        let (year, month, day) = birthDate.components
        var text: [UInt8] = []
        text.reserveCapacity(18)
        text.appendDecimal(districtCode, width: 6)
        text.appendDecimal(year, width: 4)
        text.appendDecimal(month, width: 2)
        text.appendDecimal(day, width: 2)
        text.appendDecimal(sequence % 1000, width: 3)
        var sum = 0
        for (digit, weight) in zip(text, weights) { sum += Int(digit - UInt8(ascii: "0")) * weight }
        text.append(checkCharacters[sum % 11])
        return text
    }
}
