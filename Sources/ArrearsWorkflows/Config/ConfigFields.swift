import ArrearsCore
import Foundation
import Yams

/// One mapping of a configuration file read field by field: the one field reader of every loader.
/// Each read answers nil when the key is absent or null, the typed value when it is well formed,
/// and otherwise throws a `ConfigError` naming the file, the line of the field, and the field
/// within its section (`retry: max_attempts must be a whole number >= 1`).
public struct ConfigFields {
    public let file: String
    /// The mapping's node; nil when the section is absent (every read then answers nil).
    public let node: Node?
    /// What the section is called in messages (`retry`, `channels.call`, `treatment 'reminder'`);
    /// nil at the top of the file, whose messages need no prefix.
    public let path: String?

    public init(_ node: Node?, file: String, path: String? = nil) {
        self.node = node
        self.file = file
        self.path = path
    }

    public var mapping: Node.Mapping? { node?.mapping }
    /// The line the section starts on.
    public var line: Int? { node?.line }
    /// The keys given, in the file's order.
    public var keys: [String] { mapping?.keys.compactMap(\.string) ?? [] }

    /// An error at `key`'s line (the section's when the key is absent or nil), within the section.
    public func fail(_ key: String?, _ message: String) -> ConfigError {
        ConfigError(file: file, line: key.flatMap { mapping?[$0]?.line } ?? line, message: path.map { "\($0): \(message)" } ?? message)
    }

    /// The value under `key`; nil when the key is absent or its value is null.
    public func value(_ key: String) -> Node? {
        guard let node = mapping?[key], node.null == nil else { return nil }
        return node
    }

    /// Refuses a section that is not a mapping and any key outside `allowed`, at that key's line.
    public func only(_ allowed: [String]) throws(ConfigError) {
        guard let mapping else {
            if node == nil { return }
            throw ConfigError(file: file, line: line, message: "\(path ?? "the file") must be a mapping of \(allowed.joined(separator: ", "))")
        }
        for key in mapping.keys where !allowed.contains(key.string ?? "") {
            throw ConfigError(file: file, line: key.line ?? line,
                              message: (path.map { "\($0): " } ?? "") + "unknown key '\(key.string ?? "?")' (expected \(allowed.joined(separator: ", ")))")
        }
    }

    /// The value under `key`, which must be given.
    public func required<Value>(_ key: String, _ value: Value?) throws(ConfigError) -> Value {
        guard let value else { throw fail(key, "\(key) is required") }
        return value
    }

    /// The mapping under `key` as a section named `name` (by default the key within this section's path).
    public func section(_ key: String, named name: String? = nil) throws(ConfigError) -> ConfigFields? {
        guard let node = value(key) else { return nil }
        let fields = ConfigFields(node, file: file, path: name ?? path.map { "\($0).\(key)" } ?? key)
        guard node.mapping != nil else { throw fail(key, "\(key) must be a mapping of keys to values") }
        return fields
    }

    // MARK: Scalars

    /// A single value as text.
    public func string(_ key: String) throws(ConfigError) -> String? {
        guard let node = value(key) else { return nil }
        guard let text = node.scalar?.string else { throw fail(key, "\(key) must be a single value") }
        return text
    }

    /// A whole number.
    public func int(_ key: String) throws(ConfigError) -> Int? {
        guard let node = value(key) else { return nil }
        guard let number = node.int else { throw fail(key, "\(key) must be a whole number, not '\(node.string ?? "")'") }
        return number
    }

    /// A whole number of at least `minimum`.
    public func int(_ key: String, atLeast minimum: Int) throws(ConfigError) -> Int? {
        guard let node = value(key) else { return nil }
        guard let number = node.int, number >= minimum else { throw fail(key, "\(key) must be a whole number >= \(minimum)") }
        return number
    }

    /// A whole number within `range`.
    public func int(_ key: String, in range: ClosedRange<Int>) throws(ConfigError) -> Int? {
        guard let node = value(key) else { return nil }
        guard let number = node.int, range.contains(number) else {
            throw fail(key, "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    /// A finite number of at least `minimum`.
    public func number(_ key: String, atLeast minimum: Double) throws(ConfigError) -> Double? {
        guard let node = value(key) else { return nil }
        guard let number = node.float, number.isFinite, number >= minimum else {
            throw fail(key, "\(key) must be a number >= \(minimum.formatted())")
        }
        return number
    }

    /// `true` or `false`.
    public func bool(_ key: String) throws(ConfigError) -> Bool? {
        guard let node = value(key) else { return nil }
        guard let flag = node.bool else { throw fail(key, "\(key) must be true or false") }
        return flag
    }

    /// A date, `YYYY-MM-DD`.
    public func date(_ key: String) throws(ConfigError) -> LocalDate? {
        guard let text = try string(key) else { return nil }
        do { return try LocalDate.parse(text) } catch { throw fail(key, "\(key) \(error.description)") }
    }

    /// A time of day, `HH:MM`, as minutes after midnight.
    public func clockTime(_ key: String) throws(ConfigError) -> Int? {
        guard let text = try string(key) else { return nil }
        guard let minutes = ClockWindow.minutes(text), minutes < 1440 else { throw fail(key, "\(key) must be HH:MM, not '\(text)'") }
        return minutes
    }

    /// An amount of money in major units (`5000`, `12.50`).
    public func amount(_ key: String) throws(ConfigError) -> MajorAmount? {
        guard let text = try string(key) else { return nil }
        do { return try MajorAmount(text) } catch { throw fail(key, "\(key) \(error)") }
    }

    /// One of `Value`'s raw values.
    public func choice<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(ConfigError) -> Value?
    where Value.RawValue == String {
        guard let text = try string(key) else { return nil }
        guard let value = Value(rawValue: text) else { throw fail(key, "unknown \(key) '\(text)' (expected \(Self.expected(type)))") }
        return value
    }

    // MARK: Lists and maps

    /// A list of nodes.
    public func list(_ key: String) throws(ConfigError) -> [Node]? {
        guard let node = value(key) else { return nil }
        guard let sequence = node.sequence else { throw fail(key, "\(key) must be a list") }
        return Array(sequence)
    }

    /// A list of single values.
    public func strings(_ key: String) throws(ConfigError) -> [String]? {
        guard let nodes = try list(key) else { return nil }
        var texts: [String] = []
        for node in nodes {
            guard let text = node.scalar?.string else { throw fail(key, "\(key) must be a list of names") }
            texts.append(text)
        }
        return texts
    }

    /// A list of `Value`'s raw values, in the file's order.
    public func choices<Value: RawRepresentable & CaseIterable>(_ key: String, _ type: Value.Type) throws(ConfigError) -> [Value]?
    where Value.RawValue == String {
        guard let texts = try strings(key) else { return nil }
        var values: [Value] = []
        for text in texts {
            guard let value = Value(rawValue: text) else { throw fail(key, "\(key): unknown value '\(text)' (expected \(Self.expected(type)))") }
            values.append(value)
        }
        return values
    }

    /// Text by language: `{ zh-CN: ..., en: ... }`; `each` is told each language's key line.
    public func texts(_ key: String, each: (Language, Int?) -> Void = { _, _ in }) throws(ConfigError) -> [Language: String]? {
        guard let node = value(key) else { return nil }
        guard let mapping = node.mapping else { throw fail(key, "\(key) must map each language (\(Self.expected(Language.self))) to its text") }
        var texts: [Language: String] = [:]
        for (languageNode, textNode) in mapping {
            let code = languageNode.string ?? ""
            let prefix = path.map { "\($0): " } ?? ""
            guard let language = Language(rawValue: code) else {
                throw ConfigError(file: file, line: languageNode.line,
                                  message: "\(prefix)unknown language '\(code)' in \(key) (expected \(Self.expected(Language.self)))")
            }
            guard let text = textNode.scalar?.string else {
                throw ConfigError(file: file, line: languageNode.line, message: "\(prefix)\(key).\(code) must be text")
            }
            each(language, languageNode.line)
            texts[language] = text
        }
        return texts
    }

    /// The raw values of `type`, for messages.
    public static func expected<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> String where Value.RawValue == String {
        type.allCases.map(\.rawValue).joined(separator: ", ")
    }
}
