import ArrearsCore
import Foundation

/// The personal-data fields of a customer that are encrypted at rest and found by keyed hash.
public enum PersonalField: String, Sendable, CaseIterable {
    case idNumber = "id_number"
    case mobile

    /// The column holding the sealed value.
    public var column: String { rawValue }

    /// The column holding the keyed lookup hash of the normalised value.
    public var hashColumn: String { rawValue + "_hash" }

    /// The form that is hashed, so that the ways people write one value hash equal: an ID number
    /// upper-cased, a mobile number without spaces and dashes; both trimmed.
    public func normalise(_ value: String) -> String {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        switch self {
        case .idNumber: return trimmed.uppercased()
        case .mobile: return String(trimmed.unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init))
        }
    }
}

extension PersonalField {
    /// What is stored for `value` in `column` and `hashColumn`: with a cipher, the sealed value
    /// and the keyed hash of its normalised form; without one, the plaintext and no hash.
    func stored(_ value: String?, cipher: FieldCipher?) -> (value: String?, hash: String?) {
        guard let value, let cipher else { return (value, nil) }
        return (cipher.seal(value), cipher.lookupHash(normalise(value)))
    }
}
