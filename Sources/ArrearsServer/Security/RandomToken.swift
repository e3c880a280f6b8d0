import ArrearsCore
import Foundation

/// The secrets the server hands out (session ids, CSRF tokens, API tokens): 32 bytes from the
/// system's cryptographically secure generator, in base64url.
enum RandomToken {
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return Base64URL.encode(Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }))
    }
}
