import ArrearsCore
import Foundation
import XCTest

final class Base64URLTests: XCTestCase {
    func testEncodesTheRFC4648VectorsWithoutPadding() {
        // RFC 4648, section 10, without the padding; then the two characters base64url changes.
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (text, encoded) in vectors { XCTAssertEqual(Base64URL.encode(Data(text.utf8)), encoded, text) }
        XCTAssertEqual(Base64URL.encode(Data([0xfb, 0xff, 0xbf])), "-_-_")
    }

    func testEveryLengthAndByteReadsBack() {
        var generator = SeededGenerator(seed: 42)
        for length in 1...70 {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            let text = Base64URL.encode(bytes)
            XCTAssertFalse(text.contains { $0 == "+" || $0 == "/" || $0 == "=" }, text)
            XCTAssertEqual(Base64URL.decode(text), bytes, "length \(length)")
            XCTAssertEqual(Base64URL.decode(text[...]), bytes, "length \(length), as a substring")
        }
    }

    func testOnlyTheCanonicalSpellingIsTaken() {
        XCTAssertEqual(Base64URL.decode("Zg"), Data("f".utf8))
        // "Zh" names the same byte with a spare bit set: an altered token must not still work.
        XCTAssertNil(Base64URL.decode("Zh"))
        for text in ["", "Zg==", "Zg=", "Z", "Zm9v+", "Zm9v/", "Zm 9v", "Zm9v.", "Zm9vé", "Ｚｇ"] {
            XCTAssertNil(Base64URL.decode(text), text)
        }
    }
}
