import Foundation

/// The secrets the server hands out (session ids, CSRF tokens, API tokens): 32 bytes from the
/// system's cryptographically secure generator, in base64url.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded
    }
}

extension Data {
    /// Base64url without padding (RFC 4648, section 5): safe in cookies, headers and URLs.
    var base64URLEncoded: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, as SHA-256 digests are stored.
    var hexEncoded: String { map { String(format: "%02x", $0) }.joined() }
}
