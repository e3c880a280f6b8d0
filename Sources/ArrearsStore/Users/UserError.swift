/// Why a user could not be added or read.
public enum UserError: Error, Equatable, Sendable, CustomStringConvertible {
    case usernameTaken(String)
    case invalidUsername(String)
    /// A row whose role this version of Arrears does not know (written by a newer version).
    case unknownStoredRole(String)
    case unknownUser(String)
    case unknownTimeZone(String)

    public var description: String {
        switch self {
        case .usernameTaken(let name): "a user named '\(name)' exists already"
        case .invalidUsername(let name):
            "'\(name)' is not a valid username: use 2 to 64 lower-case letters, digits, '.', '_' or '-'"
        case .unknownStoredRole(let role): "a stored user has the unknown role '\(role)'"
        case .unknownUser(let name): "there is no active user named '\(name)'"
        case .unknownTimeZone(let zone): "'\(zone)' is not an IANA time zone such as Europe/London or Asia/Shanghai"
        }
    }
}
