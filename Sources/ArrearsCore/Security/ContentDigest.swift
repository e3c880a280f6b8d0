import Crypto
import Foundation

/// The SHA-256 of a file's bytes, in lower-case hex: recorded with an upload and in its audit
/// entry, so the hash-chained log proves which file came in, and a downloader can check it.
public enum ContentDigest {
    public static func sha256(_ bytes: Data) -> String {
        Hex.encode(SHA256.hash(data: bytes))
    }
}
