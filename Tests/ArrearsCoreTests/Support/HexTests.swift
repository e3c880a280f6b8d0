import ArrearsCore
import Crypto
import Foundation
import XCTest

final class HexTests: XCTestCase {
    func testHexIsLowerCaseTwoDigitsAByte() {
        XCTAssertEqual(Hex.encode([0x00, 0x0f, 0xa0, 0xff]), "000fa0ff")
        let digest = SHA256.hash(data: Data("arrears".utf8))
        XCTAssertEqual(Hex.encode(digest), digest.map { String(format: "%02x", $0) }.joined())
        XCTAssertEqual(Hex.encode([UInt8]()), "")
    }

    func testContentDigestIsTheHexOfTheSHA256() {
        // SHA-256 of "abc" (FIPS 180-2, appendix B.1).
        XCTAssertEqual(ContentDigest.sha256(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
