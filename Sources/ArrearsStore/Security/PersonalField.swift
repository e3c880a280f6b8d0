import ArrearsCore
import Foundation

/// The personal-data fields of a customer that are encrypted at rest and found by keyed hash.
/// (The address is sealed too, but nothing finds a customer by it: it has no hash; see
/// `SealedColumn`.)
public enum PersonalField: String, Sendable, CaseIterable {
    case idNumber = "id_number"
    case mobile
    case email

    /// The column holding the sealed value.
    public var column: String { rawValue }

    /// The column holding the keyed lookup hash of the normalised value.
    public var hashColumn: String { rawValue + "_hash" }

    /// The form that is hashed, so that the ways people write one value hash equal: an ID number
    /// upper-cased, a mobile number without spaces and dashes, an e-mail address lower-cased;
    /// all trimmed.
    public func normalise(_ value: String) -> String {
        if let ascii = normaliseASCII(value) { return ascii }
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .idNumber: return trimmed.uppercased()
        case .mobile: return String(trimmed.unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init))
        case .email: return trimmed.lowercased()
        }
    }
}

extension PersonalField {
    /// `normalise` on bytes, for ASCII text (nearly every ID and mobile number, most e-mail
    /// addresses): the same result
    /// as Foundation's trimming and Unicode case mapping, which were 8% of a customers import.
    /// Nil for other text.
    func normaliseASCII(_ value: String) -> String? {
        var value = value
        return value.withUTF8 { bytes -> String? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            // What `.whitespacesAndNewlines` holds in ASCII: space, tab, line feed, vertical
            // tab, form feed, carriage return.
            func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
            guard let start = bytes.firstIndex(where: { !isSpace($0) }), let end = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
            // Written straight into the string: one allocation at most, for two fields of every
            // customer imported.
            return String(unsafeUninitializedCapacity: end - start + 1) { out in
                var count = 0
                for byte in bytes[start...end] {
                    switch self {
                    case .idNumber:
                        out[count] = (0x61...0x7A).contains(byte) ? byte - 0x20 : byte
                        count += 1
                    case .mobile:
                        if byte != 0x20 && byte != 0x2D {
                            out[count] = byte
                            count += 1
                        }
                    case .email:
                        out[count] = (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
                        count += 1
                    }
                }
                return count
            }
        }
    }

    /// What is stored for `value` in `column` and `hashColumn`: with a cipher, the sealed value
    /// and the keyed hash of its normalised form; without one, the plaintext and no hash.
    func stored(_ value: String?, cipher: FieldCipher?) -> (value: String?, hash: String?) {
        guard let value, let cipher else { return (value, nil) }
        return (cipher.seal(value), cipher.lookupHash(normalise(value)))
    }
}
