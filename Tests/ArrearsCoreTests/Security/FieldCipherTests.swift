@testable import ArrearsCore
import Foundation
import XCTest

final class FieldCipherTests: XCTestCase {
    let cipher = FieldCipher(key: DataKey.generate())

    func testSealedValueOpensToThePlaintextAndDoesNotShowIt() throws {
        for plaintext in ["13800138000", "+85291234567", "110101199003071234", "王芳", ""] {
            let sealed = cipher.seal(plaintext)
            XCTAssertTrue(sealed.hasPrefix(FieldCipher.prefix), sealed)
            if !plaintext.isEmpty { XCTAssertFalse(sealed.contains(plaintext), sealed) }
            XCTAssertEqual(try cipher.open(sealed), plaintext)
        }
    }

    func testSealingIsDeterministicSoReimportsStoreTheSameBytes() {
        XCTAssertEqual(cipher.seal("13800138000"), cipher.seal("13800138000"))
        XCTAssertNotEqual(cipher.seal("13800138000"), cipher.seal("13800138001"))
    }

    func testTheSameKeyRestoredFromBase64SealsAndHashesAlike() throws {
        let key = DataKey.generate()
        let restored = FieldCipher(key: try DataKey(base64: key.base64))
        XCTAssertEqual(FieldCipher(key: key).seal("13800138000"), restored.seal("13800138000"))
        XCTAssertEqual(FieldCipher(key: key).lookupHash("13800138000"), restored.lookupHash("13800138000"))
    }

    func testAnotherKeySealsAndHashesDifferently() {
        let other = FieldCipher(key: DataKey.generate())
        XCTAssertNotEqual(cipher.seal("13800138000"), other.seal("13800138000"))
        XCTAssertNotEqual(cipher.lookupHash("13800138000"), other.lookupHash("13800138000"))
    }

    func testAnotherKeyCannotOpen() {
        let sealed = cipher.seal("13800138000")
        XCTAssertThrowsError(try FieldCipher(key: DataKey.generate()).open(sealed)) { error in
            XCTAssertTrue(String(describing: error).contains("ARREARS_DATA_KEY"), "\(error)")
        }
    }

    func testAlteredValueCannotOpen() throws {
        let sealed = cipher.seal("13800138000")
        var bytes = try XCTUnwrap(Data(base64Encoded: String(sealed.dropFirst(FieldCipher.prefix.count))))
        bytes[bytes.count / 2] ^= 0x01
        XCTAssertThrowsError(try cipher.open(FieldCipher.prefix + bytes.base64EncodedString()))
        XCTAssertThrowsError(try cipher.open(FieldCipher.prefix + "not base64!"))
        XCTAssertThrowsError(try cipher.open(String(sealed.dropLast(4))))
    }

    func testValueStoredBeforeEncryptionPassesThrough() throws {
        XCTAssertEqual(try cipher.open("13800138000"), "13800138000")
    }

    func testLookupHashIsHexAndStable() {
        let hash = cipher.lookupHash("13800138000")
        XCTAssertEqual(hash.count, 64)
        XCTAssertTrue(hash.allSatisfy { "0123456789abcdef".contains($0) }, hash)
        XCTAssertEqual(hash, cipher.lookupHash("13800138000"))
        XCTAssertNotEqual(hash, cipher.lookupHash("13800138001"))
    }

    /// Known answers for one fixed key: values stored by any earlier release must still open and
    /// be found, so the sealed form and the lookup hash of a value never change.
    func testSealedFormAndLookupHashNeverChange() throws {
        let fixed = FieldCipher(key: try DataKey(base64: Data((0..<32).map { UInt8($0) }).base64EncodedString()))
        XCTAssertEqual(fixed.seal("13800138000"), "enc1:G63Grea8Fw1fDiyKVV+GR9cOUVtpX3iDrLjzyNPutQBhjvHBOG2+")
        XCTAssertEqual(fixed.seal("王芳"), "enc1:Ya2PG0dYkNJj8L//FVAmYe/aZi2FFN1n4jmmm9O7+pteiw==")
        XCTAssertEqual(fixed.lookupHash("13800138000"), "4111bcb922115bb0b69e5967e204c60d77cf5b78a49cc49cd88a57bb32ae2376")
        XCTAssertEqual(fixed.lookupHash("王芳"), "864ce8f55e45f7aabd5978eaab11fac9c7d1a3bdc9269c395c9dd54a9843540a")
        XCTAssertEqual(try fixed.open(fixed.seal("王芳")), "王芳")
    }

    /// On Linux `seal` and `lookupHash` call BoringSSL directly; they must give what swift-crypto's
    /// API gives for every length (empty, one block, several) and for non-ASCII text.
    func testDirectPathGivesWhatSwiftCryptoGives() throws {
        var generator = SystemRandomNumberGenerator()
        var values = ["", "1", "13800138000", "+86 138-0013-8000", "110101199003071234", "王芳", "😀 émoji",
                      String(repeating: "9", count: 55), String(repeating: "9", count: 56), String(repeating: "9", count: 64),
                      String(repeating: "广东省深圳市南山区", count: 20)]
        for _ in 0..<300 {
            let length = Int.random(in: 0...150, using: &generator)
            values.append(String((0..<length).map { _ in Character(UnicodeScalar(UInt8.random(in: 0x20...0x7e, using: &generator))) }))
        }
        for key in [DataKey.generate(), DataKey.generate()] {
            let cipher = FieldCipher(key: key)
            for value in values {
                XCTAssertEqual(cipher.seal(value), cipher.portableSeal(value), value)
                XCTAssertEqual(cipher.lookupHash(value), cipher.portableLookupHash(value), value)
                XCTAssertEqual(try cipher.open(cipher.seal(value)), value)
            }
        }
    }

    /// Package.swift pins swift-crypto exactly because the direct path uses its internal module;
    /// on Linux that path must be the one in use.
    func testLinuxSealsThroughTheDirectPath() {
        #if os(Linux)
        XCTAssertTrue(FieldCipher(key: DataKey.generate()).usesDirectPath, "swift-crypto's CCryptoBoringSSL module is gone or changed")
        #endif
    }

    func testMalformedKeyNamesWhereItCameFrom() {
        for text in ["", "not base64", Data(count: 16).base64EncodedString(), Data(count: 33).base64EncodedString()] {
            XCTAssertThrowsError(try DataKey(base64: text, source: "ARREARS_DATA_KEY")) { error in
                XCTAssertEqual(String(describing: error), "ARREARS_DATA_KEY must hold 32 bytes in base64 (make one with: openssl rand -base64 32)")
            }
        }
        XCTAssertNoThrow(try DataKey(base64: " " + Data(count: 32).base64EncodedString() + "\n"), "surrounding whitespace, as in a key file, is ignored")
    }
}
