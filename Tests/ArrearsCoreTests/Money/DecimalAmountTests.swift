import ArrearsCore
import XCTest

final class DecimalAmountTests: XCTestCase {
    func testParsesWholeAndFractionalAmountsExactly() throws {
        XCTAssertEqual(try DecimalAmount.parse("1234.56", minorDigits: 2), 123_456)
        XCTAssertEqual(try DecimalAmount.parse("1234.5", minorDigits: 2), 123_450)
        XCTAssertEqual(try DecimalAmount.parse("1234", minorDigits: 2), 123_400)
        XCTAssertEqual(try DecimalAmount.parse("0.05", minorDigits: 2), 5)
        XCTAssertEqual(try DecimalAmount.parse(".5", minorDigits: 2), 50)
        XCTAssertEqual(try DecimalAmount.parse("0.1", minorDigits: 2) + DecimalAmount.parse("0.2", minorDigits: 2), 30)
    }

    func testZeroDecimalCurrencyTakesNoFraction() throws {
        let yen = try XCTUnwrap(Currency(code: "JPY"))
        XCTAssertEqual(yen.minorDigits, 0)
        XCTAssertEqual(try Money(parsing: "15000", currency: yen).minorUnits, 15_000)
        XCTAssertThrowsError(try Money(parsing: "15000.5", currency: yen)) { error in
            XCTAssertEqual(error as? AmountError, .tooManyDecimals("15000.5", allowed: 0))
        }
        XCTAssertEqual(Money(minorUnits: 15_000, currency: yen).decimalString, "15000")
    }

    func testThreeDecimalCurrency() throws {
        let dinar = try XCTUnwrap(Currency(code: "KWD"))
        XCTAssertEqual(try Money(parsing: "1.234", currency: dinar).minorUnits, 1234)
        XCTAssertEqual(Money(minorUnits: 1234, currency: dinar).decimalString, "1.234")
    }

    func testRejectsTooManyDecimalsButAcceptsTrailingZeros() throws {
        XCTAssertThrowsError(try DecimalAmount.parse("1.234", minorDigits: 2)) { error in
            XCTAssertEqual(error as? AmountError, .tooManyDecimals("1.234", allowed: 2))
        }
        XCTAssertEqual(try DecimalAmount.parse("1.230", minorDigits: 2), 123)
    }

    func testRejectsWhatIsNotAPlainDecimal() {
        for text in ["abc", "1,234.00", "1e5", "1.2.3", "12a", ".", "+5", "１２"] {
            XCTAssertThrowsError(try DecimalAmount.parse(text, minorDigits: 2), text) { error in
                XCTAssertEqual(error as? AmountError, .notANumber(text), text)
            }
        }
        XCTAssertThrowsError(try DecimalAmount.parse("", minorDigits: 2)) { XCTAssertEqual($0 as? AmountError, .empty) }
        XCTAssertThrowsError(try DecimalAmount.parse("-5.00", minorDigits: 2)) { XCTAssertEqual($0 as? AmountError, .negative("-5.00")) }
        XCTAssertThrowsError(try DecimalAmount.parse("99999999999999999999", minorDigits: 2)) {
            XCTAssertEqual($0 as? AmountError, .tooLarge("99999999999999999999"))
        }
    }

    func testFormatsWithTheCurrencyDigits() {
        XCTAssertEqual(DecimalAmount.format(123_456, minorDigits: 2), "1234.56")
        XCTAssertEqual(DecimalAmount.format(5, minorDigits: 2), "0.05")
        XCTAssertEqual(DecimalAmount.format(0, minorDigits: 2), "0.00")
        XCTAssertEqual(DecimalAmount.format(-1005, minorDigits: 2), "-10.05")
        XCTAssertEqual(DecimalAmount.format(7, minorDigits: 0), "7")
    }

    func testRoundTripsEveryCentOfAnAmount() throws {
        for minor in stride(from: Int64(0), through: 100_000, by: 7) {
            XCTAssertEqual(try DecimalAmount.parse(DecimalAmount.format(minor, minorDigits: 2), minorDigits: 2), minor)
        }
    }

    func testUnknownCurrencyIsNil() {
        XCTAssertNil(Currency(code: "XXX"))
        XCTAssertNil(Currency(code: "cny"))
        XCTAssertEqual(Currency(code: "CNY")?.minorDigits, 2)
    }
}
