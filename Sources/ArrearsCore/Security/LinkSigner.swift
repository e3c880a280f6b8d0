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
        return Base64URL.encode(payload) + "." + Base64URL.encode(signature)
    }

    /// The subject of a valid, unexpired token for `purpose`.
    public func verify(_ token: String, purpose: String, at now: Date = Date()) throws(Failure) -> String {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let payload = Base64URL.decode(parts[0]), let signature = Base64URL.decode(parts[1]) else { throw .malformed }
        guard HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: payload, using: key) else { throw .forged }
        // purpose|subject|expiry: the purpose ends at the first bar and the expiry starts after
        // the last, so a subject may hold bars of its own.
        let text = String(decoding: payload, as: UTF8.self)
        guard let first = text.firstIndex(of: "|"), let last = text.lastIndex(of: "|"), first < last,
              let expiry = Int(text[text.index(after: last)...]) else { throw .malformed }
        guard text[..<first] == purpose else { throw .otherPurpose }
        guard Double(expiry) > now.timeIntervalSince1970 else { throw .expired }
        return String(text[text.index(after: first)..<last])
    }
}
