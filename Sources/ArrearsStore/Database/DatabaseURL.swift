/// Where Arrears keeps its data: `sqlite:PATH` (the embedded default) or a PostgreSQL URL.
public enum DatabaseURL: Equatable, Sendable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    public static let `default` = DatabaseURL.sqlite(path: "arrears.sqlite")
    public static let environmentVariable = "ARREARS_DATABASE_URL"

    /// Reads `sqlite:PATH`, `sqlite://PATH`, `postgres://…` or `postgresql://…`.
    public init(parsing text: String) throws(DatabaseURLError) {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(url: text)
        } else if text.hasPrefix("sqlite://") {
            let path = String(text.dropFirst("sqlite://".count))
            guard !path.isEmpty else { throw .missingPath(text) }
            self = .sqlite(path: path)
        } else if text.hasPrefix("sqlite:") {
            let path = String(text.dropFirst("sqlite:".count))
            guard !path.isEmpty else { throw .missingPath(text) }
            self = .sqlite(path: path)
        } else {
            throw .unsupported(text)
        }
    }

    /// The URL from `--database`, else from `ARREARS_DATABASE_URL`, else `sqlite:arrears.sqlite`.
    public static func resolve(option: String?, environment: [String: String]) throws(DatabaseURLError) -> DatabaseURL {
        if let option { return try DatabaseURL(parsing: option) }
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            return try DatabaseURL(parsing: fromEnvironment)
        }
        return .default
    }

    /// The URL with any password hidden, for logs and messages.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard let at = url.lastIndex(of: "@"), let schemeEnd = url.range(of: "://") else { return url }
            let credentials = url[schemeEnd.upperBound..<at]
            guard let colon = credentials.firstIndex(of: ":") else { return url }
            return url.replacingCharacters(in: url.index(after: colon)..<at, with: "***")
        }
    }
}

public enum DatabaseURLError: Error, Equatable, CustomStringConvertible {
    case unsupported(String)
    case missingPath(String)

    public var description: String {
        switch self {
        case .unsupported(let text): "database URL '\(text)' is neither sqlite:PATH nor postgres://user:pass@host:port/db"
        case .missingPath(let text): "database URL '\(text)' names no file; use sqlite:PATH"
        }
    }
}
