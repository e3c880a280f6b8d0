import Crypto
import Foundation

/// Signed, expiring links for customers, who have no login (issue 5: "a signed, expiring token;
/// no login"): the link names what it is for and whom, until when, and carries an HMAC-SHA256
/// of all three under a key derived from the data key, so it cannot be forged or altered, and
/// it stops working when it expires. Nothing is stored: the signature is the proof.
///
/// A token is `base64url(purpose|subject|expiry seconds)` + `.` + `base64url(signature)`.
public struct LinkSigner: Sendable {
    private let key: SymmetricKey

    public init(key: DataKey) { self.key = key.subkey("customer-links") }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case malformed
        case forged
        case otherPurpose
        case expired

        public var description: String {
            switch self {
            case .malformed, .forged, .otherPurpose: "this link is not valid"
            case .expired: "this link has expired"
            }
        }
    }

    public func sign(purpose: String, subject: String, expiresAt: Date) -> String {
        let payload = Data("\(purpose)|\(subject)|\(Int(expiresAt.timeIntervalSince1970))".utf8)
        let signature = Data(HMAC<SHA256>.authenticationCode(for: payload, using: key))
        return Self.encode(payload) + "." + Self.encode(signature)
    }

    /// The subject of a valid, unexpired token for `purpose`.
    public func verify(_ token: String, purpose: String, at now: Date = Date()) throws(Failure) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Self.decode(parts[0]), let signature = Self.decode(parts[1]) else { throw .malformed }
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: key) else { throw .forged }
        let fields = String(decoding: payload, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false)
        guard fields.count == 3, let expiry = Int(fields[2]) else { throw .malformed }
        guard fields[0] == purpose else { throw .otherPurpose }
        guard Double(expiry) > now.timeIntervalSince1970 else { throw .expired }
        return String(fields[1])
    }

    static func encode(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ text: Substring) -> Data? {
        guard !text.isEmpty, text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }), text.allSatisfy(\.isASCII) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        // Only the canonical spelling: base64's last character may carry unused bits, and a link
        // with them changed would otherwise still verify.
        guard let data = Data(base64Encoded: base64), encode(data) == text else { return nil }
        return data
    }
}
