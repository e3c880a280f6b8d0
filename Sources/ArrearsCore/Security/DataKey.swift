import Crypto
import Foundation

/// The key that encrypts personal data at rest (ID numbers, phone numbers): 32 random bytes,
/// given as base64 in `ARREARS_DATA_KEY`. Keep it out of the database's backups: a copied
/// database file without the key leaks nothing.
public struct DataKey: Sendable {
    let key: SymmetricKey

    public enum Failure: Error, CustomStringConvertible {
        case malformed(source: String)
        case unreadable(path: String, reason: String)

        public var description: String {
            switch self {
            case .malformed(let source): "\(source) must hold 32 bytes in base64 (make one with: openssl rand -base64 32)"
            case .unreadable(let path, let reason): "the data key file \(path) cannot be read or created: \(reason)"
            }
        }
    }

    /// A key from its base64 text; `source` names where the text came from, for the error.
    public init(base64 text: String, source: String = "ARREARS_DATA_KEY") throws(Failure) {
        guard let bytes = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), bytes.count == 32 else {
            throw Failure.malformed(source: source)
        }
        key = SymmetricKey(data: bytes)
    }

    /// A fresh random key.
    public static func generate() -> DataKey {
        DataKey(key: SymmetricKey(size: .bits256))
    }

    private init(key: SymmetricKey) { self.key = key }

    /// The key as base64, for writing to a key file.
    public var base64: String { key.withUnsafeBytes { Data($0).base64EncodedString() } }

    /// Derives an independent subkey for one purpose, so that encryption, nonces and lookup
    /// hashes never share key material.
    func subkey(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("arrears/\(purpose)".utf8), outputByteCount: 32)
    }
}
