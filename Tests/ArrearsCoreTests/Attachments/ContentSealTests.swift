import ArrearsCore
import Foundation
import XCTest

/// Files sealed at rest: opened only with their key and their own id.
final class ContentSealTests: XCTestCase {
    let cipher = FieldCipher(key: DataKey.generate())
    let photo = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data(repeating: 7, count: 1_000)

    func testSealedContentOpensWithItsIdOnly() throws {
        let sealed = try cipher.seal(content: photo, context: "ATT-1")
        XCTAssertTrue(sealed.starts(with: Data("enc1:".utf8)))
        XCTAssertEqual(sealed.count, photo.count + 33, "prefix, nonce and tag")
        XCTAssertNil(sealed.range(of: photo.prefix(16)))
        XCTAssertEqual(try cipher.open(content: sealed, context: "ATT-1"), photo)
        XCTAssertThrowsError(try cipher.open(content: sealed, context: "ATT-2"), "copied into another row")
        XCTAssertThrowsError(try FieldCipher(key: DataKey.generate()).open(content: sealed, context: "ATT-1"), "another key")
        XCTAssertNotEqual(try cipher.seal(content: photo, context: "ATT-1"), sealed, "a random nonce each time")
        XCTAssertEqual(try cipher.open(content: photo, context: "ATT-1"), photo, "plaintext stored without a key passes through")
    }
}
