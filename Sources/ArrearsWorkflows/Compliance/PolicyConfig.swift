import ArrearsCore
import ArrearsStore
import Foundation
import Yams

/// Reads the policy settings: `config/policy.yaml` names the pack and tightens it; the pack is
/// `config/policies/<pack>.yaml`, preceded by `universal.yaml`; holidays come from
/// `holidays.yaml`; what contact outcomes do comes from `outcomes.yaml` (`OutcomeConfig`). Every mistake is a `ConfigError` with the file and line (docs/policies.md).
public enum PolicyConfig {
    public static let fileName = "policy.yaml"
    public static let packsDirectory = "policies"
    public static let defaultPack = "cn"

    /// The settings in `directory`; without `policy.yaml`, the `cn` pack untightened.
    public static func load(fromDirectory directory: String) throws -> PolicySettings {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let root = FileManager.default.fileExists(atPath: path) ? try ConfigYAML.compose(try ConfigYAML.read(path), file: path) : nil
        let fields = ConfigFields(root, file: path)
        try fields.only(["pack", "daily_run_contact_time", "tighten"])
        let packId = try fields.string("pack") ?? defaultPack
        let minute = try fields.clockTime("daily_run_contact_time") ?? 600
        var pack = try loadPack(packId, directory: directory)
        if let tighten = try fields.section("tighten")?.mapping {
            pack = try Tightening.apply(tighten, to: pack, file: path)
        }
        return PolicySettings(pack: pack, dailyRunContactMinute: minute, outcomes: try OutcomeConfig.load(fromDirectory: directory))
    }

    /// Pack `id` with the universal rules in front.
    public static func loadPack(_ id: String, directory: String) throws -> PolicyPack {
        let folder = (directory as NSString).appendingPathComponent(packsDirectory)
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ConfigError(file: (directory as NSString).appendingPathComponent(fileName), line: nil, message: "pack '\(id)' is not a pack name")
        }
        let packPath = (folder as NSString).appendingPathComponent("\(id).yaml")
        guard FileManager.default.fileExists(atPath: packPath) else {
            let known = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
                .filter { $0.hasSuffix(".yaml") && !["universal.yaml", "holidays.yaml"].contains($0) }.map { String($0.dropLast(5)) }.sorted()
            throw ConfigError(file: packPath, line: nil, message: "no such policy pack (packs here: \(known.joined(separator: ", ")))")
        }
        let universalPath = (folder as NSString).appendingPathComponent("universal.yaml")
        let universal = FileManager.default.fileExists(atPath: universalPath) ? try rules(in: ConfigFields(try ConfigYAML.compose(try ConfigYAML.read(universalPath), file: universalPath), file: universalPath)) : []
        let fields = ConfigFields(try ConfigYAML.compose(try ConfigYAML.read(packPath), file: packPath), file: packPath)
        try fields.only(["pack", "name", "holiday_calendar", "rules"])
        guard try fields.string("pack") == id else { throw fields.fail("pack", "must be '\(id)', the file's name") }
        let packRules = try rules(in: fields)
        var seen = Set<String>()
        for rule in universal + packRules where !seen.insert(rule.id).inserted {
            throw ConfigError(file: packPath, line: nil, message: "rule id '\(rule.id)' is used twice")
        }
        var calendar = HolidayCalendar.none
        if let name = try fields.string("holiday_calendar") {
            calendar = try holidays(name, path: (folder as NSString).appendingPathComponent("holidays.yaml"))
        }
        return PolicyPack(id: id, name: try fields.string("name") ?? id, rules: universal + packRules, holidays: calendar)
    }

    static func holidays(_ name: String, path: String) throws -> HolidayCalendar {
        let root = try ConfigYAML.compose(try ConfigYAML.read(path), file: path)
        guard let list = root?.mapping?["calendars"]?.mapping?[name]?.sequence else {
            throw ConfigError(file: path, line: root?.line, message: "has no calendar '\(name)' under 'calendars:'")
        }
        var calendar = HolidayCalendar(name: name)
        for node in list {
            let fields = ConfigFields(node, file: path)
            try fields.only(["from", "to", "name"])
            guard let from = try fields.date("from") else { throw fields.fail("from", "each holiday needs from (YYYY-MM-DD)") }
            let to = try fields.date("to") ?? from
            guard to >= from else { throw fields.fail("to", "ends before it starts") }
            calendar.add(from: from, to: to, title: try fields.string("name") ?? "holiday")
        }
        return calendar
    }

    static let ruleKeys = ["id", "check", "description", "source", "channels", "flags", "from", "to", "unless_agreed_time", "scope", "count",
                           "max", "window_days", "days", "consecutive_failures", "emergency_contacts_when", "conditions", "min_collectors",
                           "identification", "notice_hours", "required", "text", "override"]

    private static func rules(in fields: ConfigFields) throws -> [PolicyRule] {
        guard let list = fields.node?.mapping?["rules"]?.sequence else { throw fields.fail(nil, "needs a list under 'rules:'") }
        return try list.map { try rule(ConfigFields($0, file: fields.file)) }
    }

    static func rule(_ rule: ConfigFields) throws -> PolicyRule {
        try rule.only(ruleKeys)
        guard let id = try rule.string("id"), !id.isEmpty else { throw rule.fail(nil, "each rule needs an id") }
        guard let description = try rule.string("description"), !description.isEmpty else { throw rule.fail("description", "rule '\(id)' needs a description") }
        guard let source = try rule.string("source"), !source.isEmpty else { throw rule.fail("source", "rule '\(id)' needs a source (document and article)") }
        let check = try rule.string("check") ?? ""
        func need(_ key: String) throws -> Int {
            guard let value = try rule.int(key), value >= 0 else { throw rule.fail(key, "rule '\(id)' needs \(key), a whole number >= 0") }
            return value
        }
        let kind: PolicyRule.Kind
        switch check {
        case "flag":
            kind = .flag(Set(try rule.choices("flags", CustomerFlag.Kind.self) ?? []), channels: try rule.channels())
        case "holiday": kind = .holiday(channels: try rule.channels())
        case "preferred_channel": kind = .preferredChannel(channels: try rule.channels())
        case "preferred_hours": kind = .preferredHours(channels: try rule.channels())
        case "accepted_channels": kind = .acceptedChannels(channels: try rule.channels())
        case "unusable_contact_point": kind = .unusableContactPoint(channels: try rule.channels())
        case "quiet_hours":
            guard let window = ClockWindow(from: try rule.string("from") ?? "", to: try rule.string("to") ?? "") else {
                throw rule.fail("from", "rule '\(id)' needs from and to as HH:MM")
            }
            kind = .quietHours(window, channels: try rule.channels(), unlessAgreed: try rule.bool("unless_agreed_time") ?? false)
        case "attempt_cap":
            guard let scope = PolicyRule.AttemptCap.Scope(rawValue: try rule.string("scope") ?? "") else {
                throw rule.fail("scope", "rule '\(id)': scope must be contact_point or customer")
            }
            guard let counting = PolicyRule.AttemptCap.Counting(rawValue: try rule.string("count") ?? "") else {
                throw rule.fail("count", "rule '\(id)': count must be attempts or conversations")
            }
            let window = try need("window_days")
            guard window >= 1 else { throw rule.fail("window_days", "rule '\(id)': window_days must be at least 1") }
            kind = .attemptCap(.init(scope: scope, counting: counting, channels: try rule.channels(), maximum: try need("max"), windowDays: window))
        case "conversation_cooloff": kind = .conversationCooloff(days: try need("days"), channels: try rule.channels())
        case "third_party":
            kind = .thirdParty(consecutiveFailures: try need("consecutive_failures"),
                               emergencyWhen: Set(try rule.choices("emergency_contacts_when", CustomerFlag.Kind.self) ?? []),
                               conditions: try rule.strings("conditions") ?? [])
        case "visit_conduct":
            kind = .visitConduct(minimumVisitors: try need("min_collectors"), identification: try rule.bool("identification") ?? true,
                                 noticeHours: try need("notice_hours"))
        case "forbearance_first": kind = .forbearanceFirst(channels: try rule.channels())
        case "retention": kind = .retention(days: try need("days"))
        case "letter_content":
            guard let items = rule.node?.mapping?["required"]?.sequence, !items.isEmpty else {
                throw rule.fail("required", "rule '\(id)' needs a list of required items")
            }
            kind = .letterContent(try items.map { node in
                let item = ConfigFields(node, file: rule.file)
                try item.only(["item", "placeholder", "phrase"])
                guard let name = try item.string("item") else { throw item.fail(nil, "each required item needs a name under 'item'") }
                let placeholder = try item.string("placeholder")
                if let placeholder, !MessageTemplate.placeholders.contains(placeholder) {
                    throw item.fail("placeholder", "'\(placeholder)' is not a template placeholder")
                }
                return PolicyRule.LetterItem(item: name, placeholder: placeholder, phrases: try item.texts("phrase") ?? [:])
            })
        case "message_opt_out": kind = .messageOptOut(try rule.texts("text") ?? [:])
        default:
            throw rule.fail("check", "rule '\(id)': check must be one of flag, holiday, preferred_channel, preferred_hours, quiet_hours, "
                            + "attempt_cap, conversation_cooloff, third_party, visit_conduct, forbearance_first, retention, letter_content, message_opt_out")
        }
        var override = PolicyRule.Override.never
        if let text = try rule.string("override") {
            guard let value = PolicyRule.Override(rawValue: text), value == .reasonRequired else {
                throw rule.fail("override", "rule '\(id)': override must be reason_required (or left out for a hard stop), not '\(text)'")
            }
            override = value
        }
        return PolicyRule(id: id, description: description, source: source, kind: kind, override: override)
    }
}

extension ConfigFields {
    /// `channels: all` or a list of channels.
    func channels() throws(ConfigError) -> Set<ContactChannel> {
        if value("channels")?.string == "all" { return Set(ContactChannel.allCases) }
        let channels = try choices("channels", ContactChannel.self) ?? []
        guard !channels.isEmpty else { throw fail("channels", "needs channels: a list, or all") }
        return Set(channels)
    }
}
