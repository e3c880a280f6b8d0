import ArrearsCore
import ArrearsStore
import Foundation
import Yams

/// Reads a collection strategy from YAML; `docs/strategy.md` describes every key and
/// `config/strategy.yaml` is the default that ships with Arrears:
///
/// ```yaml
/// version: "2026.1"
/// segments:
///   - { segment: high_risk, ratings: [D, E], min_days: 31 }
///   - { segment: standard }                  # the last rule matches every case
/// treatments:
///   - { name: reminder_sms, channel: sms, template: reminder_sms, cadence_days: 3, min_days: 1, max_days: 15 }
/// visit_policy: { min_overdue: 5000, min_days: 31 }
/// hold_policy: { promise_grace_days: 3 }
/// cells:
///   - { name: champion, percent: 100 }
/// templates:
///   reminder_sms:
///     body: { zh-CN: "…{amount}…", en: "…{amount}…" }
/// ```
///
/// Every problem, from a YAML syntax error to a treatment naming a bucket that `buckets` does
/// not have, is a `ConfigError` naming the line to look at.
public enum StrategyConfig {
    public static let fileName = "strategy.yaml"

    public static func load(path: String, buckets: BucketScheme) throws -> Strategy {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: path, buckets: buckets)
    }

    public static func parse(_ text: String, file: String, buckets: BucketScheme) throws -> Strategy {
        var reader = StrategyReader(file: file)
        return try reader.read(text, buckets: buckets)
    }
}

/// Turns the YAML tree into a `Strategy`, remembering the line of every part and setting so that
/// the strategy's own consistency errors (`StrategyError`) point at the line they are about.
private struct StrategyReader {
    /// A part of the strategy and one of its settings (`nil` for the part as a whole).
    struct Place: Hashable {
        let part: StrategyError.Part
        let key: String?
    }

    /// One YAML mapping being read, with what to call it in messages.
    struct Fields {
        let mapping: Node.Mapping
        let what: String?
        let line: Int?

        /// The value under `key`; `nil` when the key is absent or its value is null.
        func node(_ key: String) -> Node? {
            guard let node = mapping[key], node.null == nil else { return nil }
            return node
        }
    }

    static let topKeys = ["version", "cell_salt", "segments", "treatments", "visit_policy", "hold_policy", "cells", "templates"]
    static let segmentKeys = ["segment", "ratings", "min_days", "max_days", "min_overdue", "max_overdue", "products", "min_score", "max_score"]
    static let treatmentKeys = ["name", "channel", "template", "cadence_days", "segments", "min_days", "max_days", "buckets", "cells",
                                "min_overdue", "products", "description"]

    let file: String
    var lines: [Place: Int] = [:]

    init(file: String) { self.file = file }

    mutating func read(_ text: String, buckets: BucketScheme) throws(ConfigError) -> Strategy {
        guard let root = try compose(text) else {
            throw ConfigError(file: file, line: nil, message: "is empty; a strategy needs \(Self.topKeys.joined(separator: ", "))")
        }
        let top = try fields(root, what: nil, keys: Self.topKeys)
        for (key, part) in [("version", StrategyError.Part.version), ("segments", .segmentRules), ("visit_policy", .visitPolicy),
                            ("hold_policy", .holdPolicy), ("cells", .cells)] {
            lines[Place(part: part, key: nil)] = top.mapping.keys.first { $0.string == key }?.line
        }
        let version = try required(top, "version", string(top, "version"))
        let cellSalt = try string(top, "cell_salt") ?? Strategy.defaultCellSalt
        var segmentRules: [SegmentRule] = []
        for (index, node) in try required(top, "segments", list(top, "segments")).enumerated() {
            segmentRules.append(try segmentRule(node, index: index))
        }
        var treatments: [TreatmentRule] = []
        for (index, node) in try required(top, "treatments", list(top, "treatments")).enumerated() {
            treatments.append(try treatment(node, index: index))
        }
        let visitPolicy = try visitPolicy(required(top, "visit_policy", top.node("visit_policy")))
        let holdPolicy = try holdPolicy(required(top, "hold_policy", top.node("hold_policy")))
        var cells: [Cell] = []
        for (index, node) in try required(top, "cells", list(top, "cells")).enumerated() {
            cells.append(try cell(node, index: index))
        }
        let templates = try top.node("templates").map { node throws(ConfigError) in try self.templates(node) } ?? []
        do {
            let strategy = try Strategy(version: version, cellSalt: cellSalt, segmentRules: segmentRules, treatments: treatments,
                                        visitPolicy: visitPolicy, holdPolicy: holdPolicy, cells: cells, templates: templates)
            try strategy.validate(buckets: buckets)
            return strategy
        } catch {
            throw ConfigError(file: file, line: line(of: error), message: error.description)
        }
    }

    // MARK: Parts

    private mutating func segmentRule(_ node: Node, index: Int) throws(ConfigError) -> SegmentRule {
        let part = StrategyError.Part.segmentRule(index: index)
        let rule = try fields(node, part: part, keys: Self.segmentKeys)
        return SegmentRule(
            segment: try required(rule, "segment", choice(rule, "segment", Segment.self)),
            ratings: try set(rule, "ratings", CreditRating.self),
            minDays: try int(rule, "min_days"),
            maxDays: try int(rule, "max_days"),
            minOverdue: try amount(rule, "min_overdue"),
            maxOverdue: try amount(rule, "max_overdue"),
            products: try set(rule, "products", Product.self),
            minScore: try int(rule, "min_score"),
            maxScore: try int(rule, "max_score"))
    }

    private mutating func treatment(_ node: Node, index: Int) throws(ConfigError) -> TreatmentRule {
        let name = node.mapping?["name"]?.string ?? ""
        let part = StrategyError.Part.treatment(index: index, name: name)
        let rule = try fields(node, part: part, keys: Self.treatmentKeys)
        let channel = try required(rule, "channel", choice(rule, "channel", Channel.self))
        let cadence = try required(rule, "cadence_days", int(rule, "cadence_days"))
        let template = try string(rule, "template"), description = try string(rule, "description") ?? name
        let segments = try set(rule, "segments", Segment.self), products = try set(rule, "products", Product.self)
        let minDays = try int(rule, "min_days"), maxDays = try int(rule, "max_days")
        let buckets = try names(rule, "buckets"), cells = try names(rule, "cells")
        let minOverdue = try string(rule, "min_overdue")
        do {
            return try TreatmentRule(name: name, channel: channel, template: template, cadenceDays: cadence, segments: segments,
                                     minDays: minDays, maxDays: maxDays, buckets: buckets, cells: cells, minOverdue: minOverdue,
                                     products: products, description: description)
        } catch {
            throw fail(rule, "min_overdue", "min_overdue \(error)")
        }
    }

    private mutating func visitPolicy(_ node: Node) throws(ConfigError) -> VisitPolicy {
        let policy = try fields(node, part: .visitPolicy, keys: ["min_overdue", "min_days", "max_score", "priority_by"])
        return VisitPolicy(minOverdue: try required(policy, "min_overdue", amount(policy, "min_overdue")),
                           minDays: try required(policy, "min_days", int(policy, "min_days")),
                           maxScore: try int(policy, "max_score"),
                           priorityBy: try choice(policy, "priority_by", VisitPolicy.Priority.self) ?? .overdue)
    }

    private mutating func holdPolicy(_ node: Node) throws(ConfigError) -> HoldPolicy {
        let policy = try fields(node, part: .holdPolicy, keys: ["promise_grace_days"])
        return HoldPolicy(promiseGraceDays: try required(policy, "promise_grace_days", int(policy, "promise_grace_days")))
    }

    private mutating func cell(_ node: Node, index: Int) throws(ConfigError) -> Cell {
        let name = node.mapping?["name"]?.string ?? ""
        let cell = try fields(node, part: .cell(index: index, name: name), keys: ["name", "percent"])
        let percent = try required(cell, "percent", string(cell, "percent"))
        do {
            return Cell(name: name, basisPoints: Int(try DecimalAmount.parse(percent, minorDigits: 2)))
        } catch {
            throw fail(cell, "percent", "percent \(error)")
        }
    }

    private mutating func templates(_ node: Node) throws(ConfigError) -> [MessageTemplate] {
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, line: node.line, message: "templates must map each template's name to its subject and body")
        }
        var templates: [MessageTemplate] = []
        for (nameNode, value) in mapping {
            let name = nameNode.string ?? ""
            let part = StrategyError.Part.template(name: name)
            let template = try fields(value, part: part, keys: ["subject", "body"])
            lines[Place(part: part, key: nil)] = nameNode.line
            templates.append(MessageTemplate(name: name, subject: try texts(template, "subject", part: part),
                                             body: try texts(template, "body", part: part)))
        }
        return templates
    }

    /// A template's texts by language, recording the line of each as `<key>.<language>`.
    private mutating func texts(_ template: Fields, _ key: String, part: StrategyError.Part) throws(ConfigError) -> [Language: String] {
        guard let node = template.node(key) else { return [:] }
        guard let mapping = node.mapping else {
            throw fail(template, key, "\(key) must map each language (\(Self.expected(Language.self))) to its text")
        }
        var texts: [Language: String] = [:]
        for (languageNode, textNode) in mapping {
            let line = languageNode.line
            guard let code = languageNode.string, let language = Language(rawValue: code) else {
                throw ConfigError(file: file, line: line, message: "\(template.what ?? ""): unknown language '\(languageNode.string ?? "")' in \(key) (expected \(Self.expected(Language.self)))")
            }
            guard let text = textNode.scalar?.string else {
                throw ConfigError(file: file, line: line, message: "\(template.what ?? ""): \(key).\(code) must be text")
            }
            lines[Place(part: part, key: "\(key).\(code)")] = line
            texts[language] = text
        }
        return texts
    }

    // MARK: Values

    private func compose(_ text: String) throws(ConfigError) -> Node? {
        try ConfigYAML.compose(text, file: file)
    }

    /// `node` as a mapping with only `keys`, recording the line of `part` and of each of its settings.
    private mutating func fields(_ node: Node, part: StrategyError.Part, keys: [String]) throws(ConfigError) -> Fields {
        let fields = try fields(node, what: part.description, keys: keys)
        lines[Place(part: part, key: nil)] = fields.line
        for key in fields.mapping.keys { lines[Place(part: part, key: key.string)] = key.line }
        return fields
    }

    private func fields(_ node: Node, what: String?, keys: [String]) throws(ConfigError) -> Fields {
        guard let mapping = node.mapping else {
            throw ConfigError(file: file, line: node.line, message: "\(what.map { "\($0) " } ?? "")must be a mapping of \(keys.joined(separator: ", "))")
        }
        for key in mapping.keys where !keys.contains(key.string ?? "") {
            let message = "unknown key '\(key.string ?? "")' (expected \(keys.joined(separator: ", ")))"
            throw ConfigError(file: file, line: key.line, message: what.map { "\($0): \(message)" } ?? message)
        }
        return Fields(mapping: mapping, what: what, line: node.line)
    }

    private func fail(_ fields: Fields, _ key: String, _ message: String) -> ConfigError {
        ConfigError(file: file, line: fields.mapping[key]?.line ?? fields.line,
                    message: fields.what.map { "\($0): \(message)" } ?? message)
    }

    private func required<Value>(_ fields: Fields, _ key: String, _ value: Value?) throws(ConfigError) -> Value {
        guard let value else { throw fail(fields, key, "\(key) is required") }
        return value
    }

    private func string(_ fields: Fields, _ key: String) throws(ConfigError) -> String? {
        guard let node = fields.node(key) else { return nil }
        guard let text = node.scalar?.string else { throw fail(fields, key, "\(key) must be a single value") }
        return text
    }

    private func int(_ fields: Fields, _ key: String) throws(ConfigError) -> Int? {
        guard let node = fields.node(key) else { return nil }
        guard let value = node.int else { throw fail(fields, key, "\(key) must be a whole number, not '\(node.string ?? "")'") }
        return value
    }

    private func amount(_ fields: Fields, _ key: String) throws(ConfigError) -> MajorAmount? {
        guard let text = try string(fields, key) else { return nil }
        do { return try MajorAmount(text) } catch { throw fail(fields, key, "\(key) \(error)") }
    }

    private func list(_ fields: Fields, _ key: String) throws(ConfigError) -> [Node]? {
        guard let node = fields.node(key) else { return nil }
        guard let sequence = node.sequence else { throw fail(fields, key, "\(key) must be a list") }
        return Array(sequence)
    }

    private func names(_ fields: Fields, _ key: String) throws(ConfigError) -> Set<String>? {
        guard let nodes = try list(fields, key) else { return nil }
        var names = Set<String>()
        for node in nodes {
            guard let name = node.scalar?.string else { throw fail(fields, key, "\(key) must be a list of names") }
            names.insert(name)
        }
        return names
    }

    private func choice<Value: RawRepresentable & CaseIterable>(_ fields: Fields, _ key: String, _ type: Value.Type) throws(ConfigError) -> Value?
    where Value.RawValue == String {
        guard let text = try string(fields, key) else { return nil }
        guard let value = Value(rawValue: text) else { throw fail(fields, key, "unknown \(key) '\(text)' (expected \(Self.expected(type)))") }
        return value
    }

    private func set<Value: RawRepresentable & CaseIterable & Hashable>(_ fields: Fields, _ key: String, _ type: Value.Type) throws(ConfigError) -> Set<Value>?
    where Value.RawValue == String {
        guard let texts = try names(fields, key) else { return nil }
        var values = Set<Value>()
        for text in texts.sorted() {
            guard let value = Value(rawValue: text) else { throw fail(fields, key, "\(key): unknown value '\(text)' (expected \(Self.expected(type)))") }
            values.insert(value)
        }
        return values
    }

    private static func expected<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) -> String where Value.RawValue == String {
        type.allCases.map(\.rawValue).joined(separator: ", ")
    }

    /// The line of the setting an error is about, else of its part.
    private func line(of error: StrategyError) -> Int? {
        if let key = error.key {
            if let line = lines[Place(part: error.part, key: key)] { return line }
            if let dot = key.firstIndex(of: "."), let line = lines[Place(part: error.part, key: String(key[..<dot]))] { return line }
        }
        return lines[Place(part: error.part, key: nil)]
    }
}
