import ArrearsCore
import ArrearsTestSupport
import Foundation
import XCTest

/// Properties of the parsers that read what comes from outside: amounts, dates and signed
/// links. Whatever the input, they answer or refuse; they never trap, and what they write they
/// read back exactly.
final class ParserPropertyTests: XCTestCase {
    func testEveryAmountInRangeReadsBackExactlyInEveryCurrencysDigits() {
        checkProperty("amount round trip", cases: 20_000) { generator in
            (Int64.random(in: 0...DecimalAmount.maxMinorUnits, using: &generator), Int.random(in: 0...3, using: &generator))
        } property: { minorUnits, digits in
            let text = DecimalAmount.format(minorUnits, minorDigits: digits)
            XCTAssertEqual(try DecimalAmount.parse(text, minorDigits: digits), minorUnits, text)
        }
    }

    func testAnyTextIsReadAsAnAmountWithinRangeOrRefused() {
        checkProperty("amount from any text", cases: 20_000) { generator in
            (Arbitrary.text(&generator, maxLength: 30), Int.random(in: 0...3, using: &generator))
        } property: { text, digits in
            if let value = try? DecimalAmount.parse(text, minorDigits: digits) {
                XCTAssertTrue((0...DecimalAmount.maxMinorUnits).contains(value), "\(text) read as \(value)")
            }
        }
    }

    func testLongRunsOfDigitsAreRefusedAsTooLargeNotTrapped() {
        for length in [18, 19, 20, 40, 400] {
            let digits = String(repeating: "9", count: length)
            for text in [digits, digits + ".99", "0." + digits, "1" + digits] {
                for minorDigits in 0...3 {
                    if let value = try? DecimalAmount.parse(text, minorDigits: minorDigits) {
                        XCTAssertLessThanOrEqual(value, DecimalAmount.maxMinorUnits)
                    }
                }
            }
        }
    }

    func testEveryDateOfTheSupportedYearsReadsBackFromItsText() {
        let first = LocalDate(year: 1900, month: 1, day: 1)!.daysSinceEpoch
        let last = LocalDate(year: 2199, month: 12, day: 31)!.daysSinceEpoch
        checkProperty("date round trip", cases: 20_000) { generator in
            LocalDate(daysSinceEpoch: Int.random(in: first...last, using: &generator))
        } property: { date in
            XCTAssertEqual(LocalDate(iso: date.description), date)
            let (year, month, day) = date.components
            XCTAssertEqual(LocalDate(year: year, month: month, day: day), date)
        }
    }

    func testAnyTextIsADateOrRefusedAndADateIsAlwaysWellFormed() {
        checkProperty("date from any text", cases: 20_000) { generator in
            Bool.random(using: &generator) ? Arbitrary.text(&generator, maxLength: 12) : Arbitrary.mutate("2024-02-29", &generator)
        } property: { text in
            guard let date = LocalDate(iso: text) else { return }
            XCTAssertEqual(date.description, text, "only the exact YYYY-MM-DD form is a date")
        }
    }

    func testCalendarFieldsOfAnySizeMakeADateOrNil() {
        let extremes = [Int.min, Int.min + 1, -1, 0, 1, 2, 12, 13, 28, 29, 30, 31, 32, 1899, 1900, 2199, 2200, 9999, 10_000, Int(Int32.max), Int.max - 1, Int.max]
        for year in extremes {
            for month in extremes.filter({ $0 <= 14 }) + [Int.max] {
                for day in [Int.min, 0, 1, 29, 31, Int.max] {
                    if let date = LocalDate(year: year, month: month, day: day) {
                        XCTAssertEqual(date.components.year, year)
                    }
                }
            }
        }
    }

    func testASignedLinkVerifiesOnlyAsItWasSigned() {
        let signer = LinkSigner(key: DataKey.generate())
        let later = Date().addingTimeInterval(86_400)
        checkProperty("signed links", cases: 5_000) { generator in
            (Arbitrary.word(&generator), Arbitrary.word(&generator))
        } property: { purpose, subject in
            let token = signer.sign(purpose: purpose, subject: subject, expiresAt: later)
            if !purpose.contains("|") {
                XCTAssertEqual(try signer.verify(token, purpose: purpose), subject)
            }
            XCTAssertThrowsError(try signer.verify(token, purpose: purpose + "x"))
            XCTAssertThrowsError(try signer.verify(token, purpose: purpose, at: later.addingTimeInterval(1)))
        }
    }

    /// Found by the property above: a subject with a bar in it was refused as malformed.
    func testASubjectWithBarsVerifies() throws {
        let signer = LinkSigner(key: DataKey.generate())
        let token = signer.sign(purpose: "self-service", subject: "C|1||", expiresAt: Date().addingTimeInterval(60))
        XCTAssertEqual(try signer.verify(token, purpose: "self-service"), "C|1||")
    }

    /// Found by the property below: a link whose last character differed only in base64's spare
    /// bits decoded to the same bytes and was accepted.
    func testALinkSpelledWithOtherSpareBitsIsRefused() throws {
        let signer = LinkSigner(key: try DataKey(base64: Self.fixedKey))
        let token = signer.sign(purpose: "self-service", subject: "C000123", expiresAt: Date(timeIntervalSince1970: 1_796_693_123))
        XCTAssertTrue(token.hasPrefix("c2VsZi1zZXJ2aWNlfEMwMDAxMjN8MTc5NjY5MzEyMw."), token)
        let respelled = token.replacingOccurrences(of: "MzEyMw.", with: "MzEyMx.")
        let now = Date(timeIntervalSince1970: 1_796_000_000)
        XCTAssertEqual(try signer.verify(token, purpose: "self-service", at: now), "C000123")
        XCTAssertThrowsError(try signer.verify(respelled, purpose: "self-service", at: now))
    }

    static let fixedKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="

    func testAnAlteredOrMadeUpLinkIsRefusedNeverTrapped() throws {
        let signer = LinkSigner(key: try DataKey(base64: Self.fixedKey))
        let token = signer.sign(purpose: "self-service", subject: "C000123", expiresAt: Date().addingTimeInterval(86_400))
        checkProperty("altered links", cases: 20_000) { generator in
            Bool.random(using: &generator) ? Arbitrary.mutate(token, &generator) : Arbitrary.text(&generator, maxLength: 120)
        } property: { text in
            guard text != token else { return }
            XCTAssertThrowsError(try signer.verify(text, purpose: "self-service"), text)
        }
    }
}
