import ArrearsCore
import ArrearsStore
import ArrearsTestSupport
import XCTest

final class CSVReaderTests: XCTestCase {
    private func records(_ text: String) throws -> [CSVRecord] {
        let files = try CSVFiles(); defer { files.remove() }
        let url = files.directory.appendingPathComponent("x.csv")
        try Data(text.utf8).write(to: url)
        let reader = try CSVReader(path: url.path)
        var out: [CSVRecord] = []
        while let record = try reader.next() { out.append(record) }
        return out
    }

    func testQuotedFieldsWithCommasQuotesAndNewlines() throws {
        let out = try records("a,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\n")
        XCTAssertEqual(out.map(\.fields), [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"]])
        XCTAssertEqual(out.map(\.line), [1, 2, 3])
    }

    func testByteOrderMarkBlankLinesAndMissingFinalNewline() throws {
        let out = try records("\u{FEFF}id\n\n1\n2")
        XCTAssertEqual(out.map(\.fields), [["id"], ["1"], ["2"]])
        XCTAssertEqual(out.map(\.line), [1, 3, 4])
    }

    func testUnterminatedQuoteIsAnError() {
        XCTAssertThrowsError(try records("a\n\"open\n")) { XCTAssertEqual($0 as? CSVError, .unterminatedQuote(line: 2)) }
    }

    func testEmptyFieldsStrayQuotesAndCarriageReturnsInPlainFields() throws {
        let out = try records("a,,c,\r\n,x\"y\",\"\"\n5\r6,王芳,\r\n\"q\"\"\",end")
        XCTAssertEqual(out.map(\.fields), [["a", "", "c", ""], ["", "x\"y\"", ""], ["5\r6", "王芳", ""], ["q\"", "end"]])
        XCTAssertEqual(out.map(\.line), [1, 2, 3, 4])
    }

    /// Many records across chunk boundaries, each field ending anywhere relative to a boundary.
    func testManySmallRecordsAcrossChunks() throws {
        let rows = (0..<120_000).map { "C\($0),\($0 % 7 == 0 ? "\"q,\($0)\"" : "名\($0)"),\($0 % 3 == 0 ? "" : "x")" }
        let out = try records("id,name,x\n" + rows.joined(separator: "\n") + "\n")
        XCTAssertEqual(out.count, 120_001)
        for index in [0, 1, 7, 59_999, 77_777, 119_999] {
            XCTAssertEqual(out[index + 1].fields, ["C\(index)", index % 7 == 0 ? "q,\(index)" : "名\(index)", index % 3 == 0 ? "" : "x"])
            XCTAssertEqual(out[index + 1].line, index + 2)
        }
        XCTAssertTrue(out.allSatisfy { $0.fields.count == 3 && !$0.hasInvalidUTF8 })
    }

    func testRecordsLongerThanOneChunk() throws {
        let long = String(repeating: "界", count: 700_000)
        let out = try records("a,b\n\(long),1\n")
        XCTAssertEqual(out[1].fields, [long, "1"])
    }
}

final class InvalidEncodingTests: XCTestCase {
    func testRowThatIsNotUtf8IsReportedAndTheRestStillChecked() async throws {
        try await TestDatabases.each { store, name in
            let files = try CSVFiles(); defer { files.remove() }
            let url = files.directory.appendingPathComponent("customers.csv")
            var bytes = Array("customer_id,name,credit_rating\nC1,ok,A\nC2,".utf8)
            bytes += [0xC3, 0x28]
            bytes += Array(",B\nC3,x,Z\n".utf8)
            try Data(bytes).write(to: url)
            let result = try await store.importCollecting(.customers, url.path)
            XCTAssertTrue(result.rejected, name)
            XCTAssertEqual(result.issues, [
                "\(url.path):3: the row is not valid UTF-8",
                "\(url.path):4: credit_rating: 'Z' is not one of A, B, C, D, E",
            ], name)
            let count = try await store.count("customers")
            XCTAssertEqual(count, 0, name)
        }
    }
}
