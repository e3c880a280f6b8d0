/// Why a personal-data field (an ID or phone number, an e-mail or postal address) could not be read back.
public enum PersonalDataError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value is encrypted but the store was opened without a data key.
    case keyMissing
    /// The value is encrypted with another key, or was altered after it was written.
    case cannotDecrypt

    public var description: String {
        switch self {
        case .keyMissing:
            "the database holds encrypted personal data but no data key was given: set ARREARS_DATA_KEY (or ARREARS_DATA_KEY_FILE) to the key it was written with"
        case .cannotDecrypt:
            "an encrypted personal-data field cannot be decrypted: ARREARS_DATA_KEY is not the key the database was written with, or the stored value was altered"
        }
    }
}
