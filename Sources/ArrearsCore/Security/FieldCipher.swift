import Crypto
import Foundation

/// Encrypts one personal-data field (an ID number, a phone number) for storage, with AES-256-GCM,
/// and makes the keyed hash that finds a customer by that field without decrypting every row.
///
/// Stored form: `enc1:` followed by base64 of nonce, ciphertext and tag. The nonce is derived
/// from the plaintext with a separate HMAC key (a synthetic IV), so the same value always seals
/// to the same text: re-importing a file changes nothing, and equal values stay comparable only
/// to someone holding the key. Costs about a microsecond per field.
public struct FieldCipher: Sendable {
    public static let prefix = "enc1:"

    private let encryptionKey: SymmetricKey
    private let contentKey: SymmetricKey
    /// The two HMACs with their keys already absorbed: setting an HMAC's key up costs more than
    /// hashing a short field, so each call copies a keyed state (value semantics) and goes on.
    private let keyedNonce: HMAC<SHA256>
    private let keyedLookup: HMAC<SHA256>
    #if canImport(CCryptoBoringSSL)
    /// The same seal and hash straight from BoringSSL, with keys set up once (see `FieldSealer`).
    private let sealer: FieldSealer?
    #endif

    public init(key: DataKey) {
        encryptionKey = key.subkey("field-encryption")
        keyedNonce = HMAC<SHA256>(key: key.subkey("field-nonce"))
        keyedLookup = HMAC<SHA256>(key: key.subkey("field-lookup"))
        contentKey = key.subkey("content-encryption")
        #if canImport(CCryptoBoringSSL)
        sealer = FieldSealer(encryptionKey: encryptionKey, nonceKey: key.subkey("field-nonce"), lookupKey: key.subkey("field-lookup"))
        #endif
    }

    /// Whether seals and hashes go straight through BoringSSL (Linux) rather than swift-crypto's
    /// public API: tests check it, so that a swift-crypto whose internals moved fails loudly
    /// instead of quietly running at the slower speed.
    public var usesDirectPath: Bool {
        #if canImport(CCryptoBoringSSL)
        sealer != nil
        #else
        false
        #endif
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The text is not in the stored form, or was sealed with another key, or was altered.
        case cannotOpen

        public var description: String {
            "an encrypted field cannot be decrypted: wrong ARREARS_DATA_KEY, or the stored value was altered"
        }
    }

    /// The stored form of `plaintext`. Works on the string's own bytes, without copying them
    /// into `Data` first (the importer seals two fields of every customer).
    public func seal(_ plaintext: String) -> String {
        #if canImport(CCryptoBoringSSL)
        if let sealer {
            var plaintext = plaintext
            return plaintext.withUTF8 { sealer.seal(UnsafeRawBufferPointer($0)) }
        }
        #endif
        return portableSeal(plaintext)
    }

    /// `seal` through swift-crypto's API: the path on Apple platforms, and the reference the
    /// tests hold the BoringSSL path to.
    func portableSeal(_ plaintext: String) -> String {
        var plaintext = plaintext
        return plaintext.withUTF8 { utf8 in
            let bytes = UnsafeRawBufferPointer(utf8)
            var nonceMAC = keyedNonce
            nonceMAC.update(data: bytes)
            let nonce = nonceMAC.finalize().withUnsafeBytes { mac in try! AES.GCM.Nonce(data: mac.prefix(12)) }
            let box = try! AES.GCM.seal(bytes, using: encryptionKey, nonce: nonce)
            return Self.prefix + box.combined!.base64EncodedString()
        }
    }

    /// The plaintext of a stored value. A value without the `enc1:` prefix was stored before
    /// encryption was turned on and is returned as it is.
    public func open(_ stored: String) throws -> String {
        guard stored.hasPrefix(Self.prefix) else { return stored }
        guard let combined = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: combined),
              let bytes = try? AES.GCM.open(box, using: encryptionKey) else {
            throw Failure.cannotOpen
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The stored form of a file's bytes (a visit photo, a scanned court order): the `enc1:`
    /// prefix, then nonce, ciphertext and tag as bytes, not base64, so a 5 MiB photo costs 33
    /// bytes more, not a third more. Unlike a field the nonce is random: files are never looked
    /// up by content. `context` (the file's id) is authenticated with it, so sealed bytes copied
    /// into another row do not open. AES-GCM runs at about a gigabyte a second.
    public func seal(content: Data, context: String) throws -> Data {
        let box = try AES.GCM.seal(content, using: contentKey, authenticating: Data(context.utf8))
        // The combined form, spelled out: `box.combined` is optional only for odd nonce sizes.
        return Data(Self.prefix.utf8) + Data(box.nonce) + box.ciphertext + box.tag
    }

    /// The bytes of a stored file, sealed with `context`. Bytes without the `enc1:` prefix were
    /// stored by a store without a key and are returned as they are.
    public func open(content stored: Data, context: String) throws -> Data {
        let prefix = Data(Self.prefix.utf8)
        guard stored.starts(with: prefix) else { return stored }
        guard let box = try? AES.GCM.SealedBox(combined: Data(stored.dropFirst(prefix.count))),
              let bytes = try? AES.GCM.open(box, using: contentKey, authenticating: Data(context.utf8)) else {
            throw Failure.cannotOpen
        }
        return bytes
    }

    /// The keyed hash (HMAC-SHA256, hex) that looks a value up. Callers normalise first (for
    /// example strip spaces from a phone number), so that equal values hash equal.
    public func lookupHash(_ value: String) -> String {
        #if canImport(CCryptoBoringSSL)
        if let sealer {
            var value = value
            return value.withUTF8 { sealer.lookupHash(UnsafeRawBufferPointer($0)) }
        }
        #endif
        return portableLookupHash(value)
    }

    /// `lookupHash` through swift-crypto's API (see `portableSeal`).
    func portableLookupHash(_ value: String) -> String {
        var lookupMAC = keyedLookup
        var value = value
        value.withUTF8 { lookupMAC.update(data: UnsafeRawBufferPointer($0)) }
        return lookupMAC.finalize().withUnsafeBytes { Hex.encode($0) }
    }
}
