import ArrearsCore
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
        // By byte rather than three `replacingOccurrences` (which go through Foundation's
        // general string search): every page carries a fresh CSRF token.
        let encoded = base64EncodedData()
        var out: [UInt8] = []
        out.reserveCapacity(encoded.count)
        for byte in encoded {
            switch byte {
            case UInt8(ascii: "+"): out.append(UInt8(ascii: "-"))
            case UInt8(ascii: "/"): out.append(UInt8(ascii: "_"))
            case UInt8(ascii: "="): continue
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
