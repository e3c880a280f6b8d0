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
/// hold_policy: { promise_grace_days: 3, arrangement_scope: covered_accounts }
/// cells:
///   - { name: champion, percent: 100 }
/// templates:
///   reminder_sms:
///     body: { zh-CN: "…{amount}…", en: "…{amount}…" }
/// comparison: { primary_measure: recovery_rate, min_cases_per_cell: 30 }   # optional
/// ```
///
/// Every problem, from a YAML syntax error to a treatment naming a bucket that `buckets` does
/// not have, is a `ConfigError` naming the line to look at.
public enum StrategyConfig {
    public static let fileName = "strategy.yaml"

    public static func load(path: String, buckets: BucketScheme) throws -> Strategy {
        return try parse(try ConfigYAML.read(path), file: path, buckets: buckets)
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

    static let topKeys = ["version", "cell_salt", "segments", "treatments", "visit_policy", "hold_policy", "cells", "templates", "comparison"]
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
            lines[Place(part: part, key: nil)] = top.mapping?.keys.first { $0.string == key }?.line
        }
        let version = try top.required("version", top.string("version"))
        let cellSalt = try top.string("cell_salt") ?? Strategy.defaultCellSalt
        var segmentRules: [SegmentRule] = []
        for (index, node) in try top.required("segments", top.list("segments")).enumerated() {
            segmentRules.append(try segmentRule(node, index: index))
        }
        var treatments: [TreatmentRule] = []
        for (index, node) in try top.required("treatments", top.list("treatments")).enumerated() {
            treatments.append(try treatment(node, index: index))
        }
        let visitPolicy = try visitPolicy(top.required("visit_policy", top.value("visit_policy")))
        let holdPolicy = try holdPolicy(top.required("hold_policy", top.value("hold_policy")))
        var cells: [Cell] = []
        for (index, node) in try top.required("cells", top.list("cells")).enumerated() {
            cells.append(try cell(node, index: index))
        }
        let templates = try top.value("templates").map { node throws(ConfigError) in try self.templates(node) } ?? []
        var comparison = ComparisonPlan.standard
        if let node = top.value("comparison") { comparison = try self.comparison(node) }
        do {
            let strategy = try Strategy(version: version, cellSalt: cellSalt, segmentRules: segmentRules, treatments: treatments,
                                        visitPolicy: visitPolicy, holdPolicy: holdPolicy, cells: cells, templates: templates,
                                        comparison: comparison)
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
            segment: try rule.required("segment", rule.choice("segment", Segment.self)),
            ratings: try set(rule, "ratings", CreditRating.self),
            minDays: try rule.int("min_days"),
            maxDays: try rule.int("max_days"),
            minOverdue: try rule.amount("min_overdue"),
            maxOverdue: try rule.amount("max_overdue"),
            products: try set(rule, "products", Product.self),
            minScore: try rule.int("min_score"),
            maxScore: try rule.int("max_score"))
    }

    private mutating func treatment(_ node: Node, index: Int) throws(ConfigError) -> TreatmentRule {
        let name = node.mapping?["name"]?.string ?? ""
        let part = StrategyError.Part.treatment(index: index, name: name)
        let rule = try fields(node, part: part, keys: Self.treatmentKeys)
        let channel = try rule.required("channel", rule.choice("channel", Channel.self))
        let cadence = try rule.required("cadence_days", rule.int("cadence_days"))
        let template = try rule.string("template"), description = try rule.string("description") ?? name
        let segments = try set(rule, "segments", Segment.self), products = try set(rule, "products", Product.self)
        let minDays = try rule.int("min_days"), maxDays = try rule.int("max_days")
        let buckets = try names(rule, "buckets"), cells = try names(rule, "cells")
        let minOverdue = try rule.string("min_overdue")
        do {
            return try TreatmentRule(name: name, channel: channel, template: template, cadenceDays: cadence, segments: segments,
                                     minDays: minDays, maxDays: maxDays, buckets: buckets, cells: cells, minOverdue: minOverdue,
                                     products: products, description: description)
        } catch {
            throw rule.fail("min_overdue", "min_overdue \(error)")
        }
    }

    private mutating func visitPolicy(_ node: Node) throws(ConfigError) -> VisitPolicy {
        let policy = try fields(node, part: .visitPolicy, keys: ["min_overdue", "min_days", "max_score", "priority_by"])
        return VisitPolicy(minOverdue: try policy.required("min_overdue", policy.amount("min_overdue")),
                           minDays: try policy.required("min_days", policy.int("min_days")),
                           maxScore: try policy.int("max_score"),
                           priorityBy: try policy.choice("priority_by", VisitPolicy.Priority.self) ?? .overdue)
    }

    private mutating func holdPolicy(_ node: Node) throws(ConfigError) -> HoldPolicy {
        let policy = try fields(node, part: .holdPolicy, keys: ["promise_grace_days", "arrangement_scope"])
        return HoldPolicy(promiseGraceDays: try policy.required("promise_grace_days", policy.int("promise_grace_days")),
                          arrangementScope: try policy.choice("arrangement_scope", ArrangementHoldScope.self) ?? .coveredAccounts)
    }

    private mutating func cell(_ node: Node, index: Int) throws(ConfigError) -> Cell {
        let name = node.mapping?["name"]?.string ?? ""
        let part = StrategyError.Part.cell(index: index, name: name)
        let cell = try fields(node, part: part, keys: ["name", "percent", "optimise"])
        let percent = try cell.required("percent", cell.string("percent"))
        let basisPoints: Int
        do { basisPoints = Int(try DecimalAmount.parse(percent, minorDigits: 2)) } catch { throw cell.fail("percent", "percent \(error)") }
        var plan: OptimisePlan?
        if let section = try cell.section("optimise", named: "\(part): optimise") { plan = try optimisePlan(section, part: part) }
        return Cell(name: name, basisPoints: basisPoints, optimise: plan)
    }

    /// A cell's `optimise: {objective: net_recovery, horizon_days: 30, randomised_percent: 5}`
    /// (`OptimisePlan`): the objective is required, the horizon defaults to 30 days and the
    /// randomised share to 5%.
    private mutating func optimisePlan(_ plan: ConfigFields, part: StrategyError.Part) throws(ConfigError) -> OptimisePlan {
        try plan.only(["objective", "horizon_days", "randomised_percent"])
        for key in plan.mapping.map({ Array($0.keys) }) ?? [] { lines[Place(part: part, key: "optimise." + (key.string ?? ""))] = key.line }
        let objective = try plan.required("objective", plan.choice("objective", OptimisePlan.Objective.self))
        let horizon = try plan.int("horizon_days", in: OptimisePlan.horizons) ?? 30
        var randomised = OptimisePlan.defaultRandomisedBasisPoints
        if let text = try plan.string("randomised_percent") {
            guard let parsed = try? DecimalAmount.parse(text, minorDigits: 2), (0...10_000).contains(parsed) else {
                throw plan.fail("randomised_percent", "randomised_percent must be a percentage from 0 to 100 (up to two decimals), not '\(text)'")
            }
            randomised = Int(parsed)
        }
        return OptimisePlan(objective: objective, horizonDays: horizon, randomisedBasisPoints: randomised)
    }

    /// `comparison`, optional: the measure champion/challenger cells are judged on and the
    /// smallest cell that gets a verdict (docs/kpis.md, "Champion/challenger").
    private func comparison(_ node: Node) throws(ConfigError) -> ComparisonPlan {
        let plan = try fields(node, what: "comparison", keys: ["primary_measure", "min_cases_per_cell"])
        let primary = try plan.choice("primary_measure", ComparisonPlan.Measure.self) ?? ComparisonPlan.standard.primary
        let minimum = try plan.int("min_cases_per_cell") ?? ComparisonPlan.defaultMinimumCases
        guard minimum >= 2 else { throw plan.fail("min_cases_per_cell", "min_cases_per_cell must be at least 2, not \(minimum)") }
        return ComparisonPlan(primary: primary, minimumCases: minimum)
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
    private mutating func texts(_ template: ConfigFields, _ key: String, part: StrategyError.Part) throws(ConfigError) -> [Language: String] {
        var found: [(Language, Int?)] = []
        let texts = try template.texts(key) { found.append(($0, $1)) } ?? [:]
        for (language, line) in found { lines[Place(part: part, key: "\(key).\(language.rawValue)")] = line }
        return texts
    }

    // MARK: Values

    private func compose(_ text: String) throws(ConfigError) -> Node? {
        try ConfigYAML.compose(text, file: file)
    }

    /// `node` as a mapping with only `keys`, recording the line of `part` and of each of its settings.
    private mutating func fields(_ node: Node, part: StrategyError.Part, keys: [String]) throws(ConfigError) -> ConfigFields {
        let fields = try fields(node, what: part.description, keys: keys)
        lines[Place(part: part, key: nil)] = fields.line
        for key in fields.mapping.map({ Array($0.keys) }) ?? [] { lines[Place(part: part, key: key.string)] = key.line }
        return fields
    }

    private func fields(_ node: Node, what: String?, keys: [String]) throws(ConfigError) -> ConfigFields {
        let fields = ConfigFields(node, file: file, path: what)
        try fields.only(keys)
        return fields
    }

    /// A list of names, as a set.
    private func names(_ fields: ConfigFields, _ key: String) throws(ConfigError) -> Set<String>? {
        try fields.strings(key).map(Set.init)
    }

    /// A list of `Value`'s raw values, as a set.
    private func set<Value: RawRepresentable & CaseIterable & Hashable>(_ fields: ConfigFields, _ key: String, _ type: Value.Type) throws(ConfigError) -> Set<Value>?
    where Value.RawValue == String {
        try fields.choices(key, type).map(Set.init)
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
