import ArrearsCore
import Foundation
import XCTest

final class JSONTextTests: XCTestCase {
    private let samples = ["", "plain", "He said \"call later\" \\ path a/b", "\n\r\t\u{08}\u{0C}\u{01}\u{1F}\u{7F}", "名字 王芳 🙂", "</script>"]

    /// With `escapingSlash`, the text is exactly what `JSONEncoder` writes (the audit log's
    /// details have always been stored so); without, what it writes with `.withoutEscapingSlashes`.
    func testWritesWhatJSONEncoderWrites() throws {
        for (escapingSlash, formatting) in [(true, JSONEncoder.OutputFormatting()), (false, .withoutEscapingSlashes)] {
            let encoder = JSONEncoder()
            encoder.outputFormatting = formatting
            for text in samples {
                let encoded = String(decoding: try encoder.encode([text]), as: UTF8.self)
                XCTAssertEqual("[" + JSONText.quoted(text, escapingSlash: escapingSlash) + "]", encoded, text.debugDescription)
            }
        }
    }

    func testASlashIsItselfUnlessAskedOtherwise() {
        XCTAssertEqual(JSONText.quoted("a/b"), #""a/b""#)
        XCTAssertEqual(JSONText.quoted("a/b", escapingSlash: true), #""a\/b""#)
    }

    func testEveryTextReadsBack() throws {
        for text in samples + [String((0..<0x80).compactMap { Unicode.Scalar($0).map(Character.init) })] {
            var out = "["
            JSONText.appendQuoted(text, to: &out)
            out += "]"
            XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(out.utf8)), [text])
        }
    }
}
