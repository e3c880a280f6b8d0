import ArrearsCore
import XCTest

final class MajorAmountTests: XCTestCase {
    func testParsesDecimalsExactlyAndPrintsThemPlainly() throws {
        XCTAssertEqual(try MajorAmount("5000").thousandths, 5_000_000)
        XCTAssertEqual(try MajorAmount("12.345").thousandths, 12_345)
        XCTAssertEqual(try MajorAmount("5000").description, "5000")
        XCTAssertEqual(try MajorAmount("99.50").description, "99.5")
    }

    func testRejectsWhatIsNotAnAmount() {
        XCTAssertThrowsError(try MajorAmount("-5")) { XCTAssertEqual($0 as? AmountError, .negative("-5")) }
        XCTAssertThrowsError(try MajorAmount("1e3")) { XCTAssertEqual($0 as? AmountError, .notANumber("1e3")) }
        XCTAssertThrowsError(try MajorAmount("1.2345")) { XCTAssertEqual($0 as? AmountError, .tooManyDecimals("1.2345", allowed: 3)) }
    }

    func testComparesMinorUnitsOfAnyCurrencyExactly() throws {
        let amount = try MajorAmount("99.5")
        XCTAssertTrue(amount.isReached(byMinorUnits: 9_950, in: .cny))
        XCTAssertFalse(amount.isExceeded(byMinorUnits: 9_950, in: .cny))
        XCTAssertFalse(amount.isReached(byMinorUnits: 9_949, in: .cny))
        XCTAssertFalse(amount.isReached(byMinorUnits: 99, in: Currency(code: "JPY")!))
        XCTAssertTrue(amount.isExceeded(byMinorUnits: 100, in: Currency(code: "JPY")!))
        XCTAssertTrue(amount.isReached(byMinorUnits: 99_500, in: Currency(code: "KWD")!))
        XCTAssertTrue(amount.isExceeded(byMinorUnits: .max, in: Currency(code: "JPY")!), "too large to scale is still more")
    }
}
