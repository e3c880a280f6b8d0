import ArrearsStore
import Foundation
import Yams

/// The one place configuration files are parsed as YAML, so that every file's syntax errors
/// read the same and name their line.
public enum ConfigYAML {
    /// The text of the configuration file at `path`; a `ConfigError` naming it when it cannot be read.
    public static func read(_ path: String) throws(ConfigError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
    }

    /// The path and text of the file `fileName` in `directory`, or nil when there is no such file
    /// (its loader then answers its defaults).
    public static func read(_ fileName: String, inDirectory directory: String) throws(ConfigError) -> (path: String, text: String)? {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return (path, try read(path))
    }

    /// The document in `text`, or nil when it is empty; a syntax error is a `ConfigError` naming
    /// the line (and, where YAML says so, the line the broken construct started on).
    public static func compose(_ text: String, file: String) throws(ConfigError) -> Node? {
        do { return try Yams.compose(yaml: text) } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let started = context.map { " (\($0.text) started on line \($0.mark.line))" } ?? ""
                throw ConfigError(file: file, line: mark.line, message: "is not valid YAML: \(problem)\(started)")
            case .duplicatedKeysInMapping(let duplicates, let context):
                throw ConfigError(file: file, line: context.mark.line,
                                  message: "\(duplicates.map { "'\($0)'" }.joined(separator: ", ")) is given twice in the same mapping")
            default:
                throw ConfigError(file: file, line: nil, message: "is not valid YAML: \(error)")
            }
        } catch {
            throw ConfigError(file: file, line: nil, message: "is not valid YAML: \(error)")
        }
    }
}

extension Node {
    /// The line this node starts on, for error messages.
    public var line: Int? { mark?.line }
}
