import Crypto
import Foundation

/// The SHA-256 of a file's bytes, in lower-case hex: recorded with an upload and in its audit
/// entry, so the hash-chained log proves which file came in, and a downloader can check it.
public enum ContentDigest {
    public static func sha256(_ bytes: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: SHA256.hash(data: bytes).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}
