#if canImport(CCryptoBoringSSL)
import CCryptoBoringSSL
import Crypto

/// `FieldCipher`'s seal and lookup hash, computed by calling BoringSSL (the library under
/// swift-crypto on Linux) directly, with the key schedules set up once.
///
/// swift-crypto sets an AES-GCM key up again on every `seal` and goes through generic `Data`
/// code on every HMAC: sealing a customer's two fields and hashing them took 3.7 µs a seal and
/// 1.3 µs a hash, most of a customers import (perf, 715,000 customers). Here the AES key
/// schedule is made once (`EVP_AEAD_CTX`, read-only after, so shared by threads), and HMAC-SHA256
/// starts from the two SHA-256 states that absorbed the key's inner and outer pads (RFC 2104):
/// plain C structs, copied per call, no allocation. The output is byte for byte swift-crypto's:
/// `FieldCipherTests` checks known answers and compares both paths on many values.
///
/// On Apple platforms swift-crypto uses CryptoKit, this module is absent, and `FieldCipher`
/// keeps its portable path.
final class FieldSealer: @unchecked Sendable {
    /// Never written after `init`; BoringSSL's seal takes it as `const`.
    private let aead: UnsafeMutablePointer<EVP_AEAD_CTX>
    private let nonceKey: KeyedSHA256
    private let lookupKey: KeyedSHA256

    init?(encryptionKey: SymmetricKey, nonceKey: SymmetricKey, lookupKey: SymmetricKey) {
        let aead = UnsafeMutablePointer<EVP_AEAD_CTX>.allocate(capacity: 1)
        CCryptoBoringSSL_EVP_AEAD_CTX_zero(aead)
        self.aead = aead
        let made = encryptionKey.withUnsafeBytes { key in
            CCryptoBoringSSL_EVP_AEAD_CTX_init(aead, CCryptoBoringSSL_EVP_aead_aes_256_gcm(), key.bindMemory(to: UInt8.self).baseAddress,
                                               key.count, Int(EVP_AEAD_DEFAULT_TAG_LENGTH), nil)
        }
        self.nonceKey = KeyedSHA256(key: nonceKey)
        self.lookupKey = KeyedSHA256(key: lookupKey)
        guard made == 1, encryptionKey.bitCount == 256 else {
            CCryptoBoringSSL_EVP_AEAD_CTX_cleanup(aead)
            aead.deallocate()
            return nil
        }
    }

    deinit {
        CCryptoBoringSSL_EVP_AEAD_CTX_cleanup(aead)
        aead.deallocate()
    }

    /// `enc1:` and base64 of nonce, ciphertext and tag; the nonce is the first 12 bytes of the
    /// HMAC of the plaintext under the nonce key.
    func seal(_ plaintext: UnsafeRawBufferPointer) -> String {
        var mac = SHA256Digest32()
        nonceKey.authenticate(plaintext, into: &mac)
        let nonceLength = 12
        let tagLength = 16
        let sealedLength = nonceLength + plaintext.count + tagLength
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: sealedLength) { sealed in
            let base = sealed.baseAddress!
            withUnsafeBytes(of: &mac.bytes) { macBytes in
                base.update(from: macBytes.bindMemory(to: UInt8.self).baseAddress!, count: nonceLength)
            }
            var written = 0
            let sealedOK = CCryptoBoringSSL_EVP_AEAD_CTX_seal(aead, base + nonceLength, &written, plaintext.count + tagLength,
                                                             base, nonceLength,
                                                             plaintext.bindMemory(to: UInt8.self).baseAddress, plaintext.count, nil, 0)
            precondition(sealedOK == 1 && written == plaintext.count + tagLength, "AES-GCM seal failed")
            return Base64.encode(UnsafeBufferPointer(sealed), after: "enc1:")  // FieldCipher.prefix
        }
    }

    /// HMAC-SHA256 of `value` under the lookup key, as 64 lowercase hex digits.
    func lookupHash(_ value: UnsafeRawBufferPointer) -> String {
        var mac = SHA256Digest32()
        lookupKey.authenticate(value, into: &mac)
        return withUnsafeBytes(of: &mac.bytes) { Hex.encode($0) }
    }
}

/// 32 bytes, inline.
private struct SHA256Digest32 {
    var bytes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
}

/// HMAC-SHA256 with the key's padded blocks absorbed once.
private struct KeyedSHA256 {
    private var inner = SHA256_CTX()
    private var outer = SHA256_CTX()

    init(key: SymmetricKey) {
        // RFC 2104: a key longer than the block is hashed first; shorter keys are zero-padded.
        var block = [UInt8](repeating: 0, count: 64)
        key.withUnsafeBytes { key in
            if key.count > 64 {
                var digest = [UInt8](repeating: 0, count: 32)
                var context = SHA256_CTX()
                CCryptoBoringSSL_SHA256_Init(&context)
                CCryptoBoringSSL_SHA256_Update(&context, key.baseAddress, key.count)
                CCryptoBoringSSL_SHA256_Final(&digest, &context)
                block.replaceSubrange(0..<32, with: digest)
            } else {
                block.replaceSubrange(0..<key.count, with: key)
            }
        }
        let innerPad = block.map { $0 ^ 0x36 }
        let outerPad = block.map { $0 ^ 0x5c }
        CCryptoBoringSSL_SHA256_Init(&inner)
        CCryptoBoringSSL_SHA256_Update(&inner, innerPad, 64)
        CCryptoBoringSSL_SHA256_Init(&outer)
        CCryptoBoringSSL_SHA256_Update(&outer, outerPad, 64)
    }

    func authenticate(_ message: UnsafeRawBufferPointer, into mac: inout SHA256Digest32) {
        var context = inner
        CCryptoBoringSSL_SHA256_Update(&context, message.baseAddress, message.count)
        withUnsafeMutableBytes(of: &mac.bytes) { digest in
            let digest = digest.bindMemory(to: UInt8.self).baseAddress!
            CCryptoBoringSSL_SHA256_Final(digest, &context)
            var context = outer
            CCryptoBoringSSL_SHA256_Update(&context, digest, 32)
            CCryptoBoringSSL_SHA256_Final(digest, &context)
        }
    }
}
#endif

/// Standard base64 (RFC 4648, with padding), written straight into a string.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// `prefix` (ASCII) followed by the base64 of `bytes`, made as one string.
    static func encode(_ bytes: UnsafeBufferPointer<UInt8>, after prefix: StaticString = "") -> String {
        let length = prefix.utf8CodeUnitCount + (bytes.count + 2) / 3 * 4
        return String(unsafeUninitializedCapacity: length) { out in
            var input = 0
            var output = prefix.utf8CodeUnitCount
            prefix.withUTF8Buffer { prefix in _ = UnsafeMutableBufferPointer(rebasing: out[0..<prefix.count]).initialize(from: prefix) }
            while input + 3 <= bytes.count {
                let chunk = UInt32(bytes[input]) << 16 | UInt32(bytes[input + 1]) << 8 | UInt32(bytes[input + 2])
                out[output] = alphabet[Int(chunk >> 18 & 63)]
                out[output + 1] = alphabet[Int(chunk >> 12 & 63)]
                out[output + 2] = alphabet[Int(chunk >> 6 & 63)]
                out[output + 3] = alphabet[Int(chunk & 63)]
                input += 3
                output += 4
            }
            let rest = bytes.count - input
            if rest > 0 {
                let chunk = UInt32(bytes[input]) << 16 | (rest == 2 ? UInt32(bytes[input + 1]) << 8 : 0)
                out[output] = alphabet[Int(chunk >> 18 & 63)]
                out[output + 1] = alphabet[Int(chunk >> 12 & 63)]
                out[output + 2] = rest == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "=")
                out[output + 3] = UInt8(ascii: "=")
                output += 4
            }
            return output
        }
    }
}

extension Hex {
    /// `encode` for bytes in memory, written straight into the string (two per customer imported).
    static func encode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { buffer in
            var position = 0
            for byte in bytes {
                buffer[position] = digits[Int(byte >> 4)]
                buffer[position + 1] = digits[Int(byte & 0x0f)]
                position += 2
            }
            return position
        }
    }
}
