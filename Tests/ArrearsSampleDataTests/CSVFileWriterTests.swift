import ArrearsCore
@testable import ArrearsSampleData
import Foundation
import XCTest

final class CSVFileWriterTests: XCTestCase {
    func testQuotesOnlyFieldsThatNeedIt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let url = directory.url.appendingPathComponent("quoting.csv")
        var writer = try CSVFileWriter(url: url, columns: ["a", "b", "c", "d"])
        writer.text(Array("上海市浦东新区".utf8))
        writer.text(Array("Flat 4C, 43/F".utf8))
        writer.text(Array("the \"best\" road".utf8))
        writer.text([])
        try writer.endRow()
        writer.identifier(.payment, 42)
        writer.amount(123_456, minorDigits: 2)
        writer.amount(1_200, minorDigits: 0)
        writer.date(LocalDate(iso: "2026-01-05")!)
        try writer.endRow()
        try writer.close()
        XCTAssertEqual(writer.rows, 2)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), """
            a,b,c,d
            上海市浦东新区,"Flat 4C, 43/F","the ""best"" road",
            P000000042,1234.56,1200,2026-01-05

            """)
    }

    func testAmountsMatchTheCoreFormat() {
        for (minorUnits, digits) in [(0, 2), (5, 2), (100, 2), (123_456, 2), (7, 0), (1_000_000_000_000_000, 3)] as [(Int64, Int)] {
            var bytes: [UInt8] = []
            bytes.appendAmount(minorUnits, minorDigits: digits)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), DecimalAmount.format(minorUnits, minorDigits: digits))
        }
    }

    func testDatesMatchTheCoreFormat() {
        for iso in ["1970-01-01", "2026-02-28", "2028-02-29", "0999-12-31"] {
            var bytes: [UInt8] = []
            bytes.appendDate(LocalDate(iso: iso)!)
            XCTAssertEqual(String(decoding: bytes, as: UTF8.self), iso)
        }
    }
}
