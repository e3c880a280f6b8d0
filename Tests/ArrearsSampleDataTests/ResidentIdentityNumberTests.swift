import ArrearsCore
@testable import ArrearsSampleData
import XCTest

final class ResidentIdentityNumberTests: XCTestCase {
    /// The worked examples of GB 11643-1999.
    func testCheckCharacterFollowsTheStandard() {
        XCTAssertEqual(String(decoding: ResidentIdentityNumber.make(districtCode: 110_105, birthDate: LocalDate(iso: "1949-12-31")!, sequence: 2), as: UTF8.self),
                       "11010519491231002X")
        XCTAssertEqual(String(decoding: ResidentIdentityNumber.make(districtCode: 440_524, birthDate: LocalDate(iso: "1880-01-01")!, sequence: 1), as: UTF8.self),
                       "440524188001010014")
    }
}
