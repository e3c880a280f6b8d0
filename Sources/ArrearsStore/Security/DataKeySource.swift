import ArrearsCore
import Foundation

/// Where the command line finds the data key that seals personal data at rest (issue 4):
/// `ARREARS_DATA_KEY` (base64 of 32 bytes), else the file named by `ARREARS_DATA_KEY_FILE`,
/// else the default key file `$XDG_CONFIG_HOME/arrears/data.key` (`~/.config/arrears/data.key`
/// when `XDG_CONFIG_HOME` is unset), which is made with a random key, readable by its owner
/// only, the first time it is needed.
public struct DataKeySource: Sendable {
    public static let keyVariable = "ARREARS_DATA_KEY"
    public static let fileVariable = "ARREARS_DATA_KEY_FILE"

    public let key: DataKey
    /// The default key file, when this resolution created it: the user is told where it is.
    public let createdFile: String?

    /// The one-line notice for standard error when the default key file was just created.
    public var notice: String? {
        createdFile.map {
            "arrears: made a new data key in \($0) to encrypt ID and phone numbers; in production set \(Self.keyVariable) instead and keep the key out of database backups"
        }
    }

    /// The key from `environment`, creating the default key file if no key is given otherwise.
    /// Throws `DataKey.Failure` when the key is malformed or its file cannot be read or made.
    public static func resolve(environment: [String: String]) throws(DataKey.Failure) -> DataKeySource {
        if let text = environment[keyVariable], !text.isEmpty {
            return DataKeySource(key: try DataKey(base64: text, source: keyVariable), createdFile: nil)
        }
        if let path = environment[fileVariable], !path.isEmpty {
            return DataKeySource(key: try read(path), createdFile: nil)
        }
        let path = defaultFile(environment: environment)
        if FileManager.default.fileExists(atPath: path) {
            return DataKeySource(key: try read(path), createdFile: nil)
        }
        return try create(path)
    }

    /// The variable that gives `arrears customer rotate-key` the new key, as base64.
    public static let newKeyVariable = "ARREARS_NEW_DATA_KEY"

    /// Why `newKey` found no new key.
    public enum NewKeyChoice: Error, CustomStringConvertible {
        case missing
        case twice

        public var description: String {
            switch self {
            case .missing: "give the new key in \(newKeyVariable) or with --new-key-file (make one with: openssl rand -base64 32)"
            case .twice: "give the new key once: in \(newKeyVariable) or with --new-key-file, not both"
            }
        }
    }

    /// The new key for `arrears customer rotate-key`: from `ARREARS_NEW_DATA_KEY`, or from the
    /// file `file`; exactly one of the two. Throws `NewKeyChoice` or `DataKey.Failure`.
    public static func newKey(file: String?, environment: [String: String]) throws -> DataKey {
        switch (environment[newKeyVariable].flatMap { $0.isEmpty ? nil : $0 }, file) {
        case (let text?, nil): return try DataKey(base64: text, source: newKeyVariable)
        case (nil, let file?): return try read(file)
        case (nil, nil): throw NewKeyChoice.missing
        case (.some, .some): throw NewKeyChoice.twice
        }
    }

    /// `$XDG_CONFIG_HOME/arrears/data.key`, or `$HOME/.config/arrears/data.key`.
    public static func defaultFile(environment: [String: String]) -> String {
        let configHome: String
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") {
            configHome = xdg
        } else {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
            configHome = (home as NSString).appendingPathComponent(".config")
        }
        return (configHome as NSString).appendingPathComponent("arrears/data.key")
    }

    private static func read(_ path: String) throws(DataKey.Failure) -> DataKey {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw .unreadable(path: path, reason: reason(error))
        }
        return try DataKey(base64: text, source: "the data key file \(path)")
    }

    /// Writes a new key to a private temporary file and links it into place, so that two
    /// processes starting at once end up with the same key: the second reads the first's file.
    private static func create(_ path: String) throws(DataKey.Failure) -> DataKeySource {
        let key = DataKey.generate()
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = path + ".\(UUID().uuidString).tmp"
        defer { unlink(temporary) }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .unreadable(path: path, reason: reason(error))
        }
        // Made with mode 0600 from the start: the key is never readable by others, not even briefly.
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        let text = Array((key.base64 + "\n").utf8)
        let written = write(descriptor, text, text.count)
        let closed = close(descriptor)
        guard written == text.count, closed == 0 else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
        if link(temporary, path) == 0 { return DataKeySource(key: key, createdFile: path) }
        if errno == EEXIST { return DataKeySource(key: try read(path), createdFile: nil) }
        throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }

    private static func reason(_ error: any Error) -> String {
        (error as NSError).localizedDescription
    }
}
