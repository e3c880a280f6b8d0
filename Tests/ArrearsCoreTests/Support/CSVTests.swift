import ArrearsCore
import XCTest

final class CSVTests: XCTestCase {
    private func read(_ text: String) throws -> [[String]] {
        let reader = CSVReader(bytes: Array(text.utf8))
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record.fields) }
        return records
    }

    func testAFieldIsQuotedOnlyWhenItMustBe() {
        XCTAssertEqual(CSVField.text("plain 王芳"), "plain 王芳")
        XCTAssertEqual(CSVField.text(""), "")
        XCTAssertEqual(CSVField.text("a,b"), #""a,b""#)
        XCTAssertEqual(CSVField.text(#"say "hi""#), #""say ""hi""""#)
        XCTAssertEqual(CSVField.text("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(CSVField.text("crlf\r\nhere"), "\"crlf\r\nhere\"")
        var buffer: [UInt8] = []
        CSVField.append(Array("x\"y".utf8), to: &buffer)
        XCTAssertEqual(String(decoding: buffer, as: UTF8.self), #""x""y""#)
    }

    func testWhatIsWrittenReadsBackFieldForField() throws {
        let rows = [["id", "name", "note"], ["1", "王芳", "a, \"quoted\" word"], ["2", "", "two\nlines\r\nand a CR\r"], ["3", "\"", ","]]
        let text = rows.map { $0.map(CSVField.text).joined(separator: ",") }.joined(separator: "\n") + "\n"
        XCTAssertEqual(try read(text), rows)
    }

    func testReadsBytesInMemoryAsItReadsAFile() throws {
        XCTAssertEqual(try read("\u{FEFF}a,b\r\n\n\"x, y\",z"), [["a", "b"], ["x, y", "z"]])
        XCTAssertEqual(try read(""), [])
        XCTAssertThrowsError(try read("a\n\"open\n")) { XCTAssertEqual($0 as? CSVError, .unterminatedQuote(line: 2)) }
    }

    func testTheTableNamesTheLineOfEachRecord() throws {
        let table = try CSVTable(parsing: "x,y\n1,\"a\nb\"\n\n2,c\n")
        XCTAssertEqual(table.header, ["x", "y"])
        XCTAssertEqual(table.records, [["1", "a\nb"], ["2", "c"]])
        XCTAssertEqual(table.lines, [2, 5])
        XCTAssertThrowsError(try CSVTable(parsing: "x\n\"open")) { XCTAssertEqual($0 as? ScorecardError, .unterminatedQuote(row: 2)) }
    }
}
