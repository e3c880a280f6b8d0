import ArrearsCore
import ArrearsStore
import Foundation
import Yams

/// Reads the collectors, field teams and legal officers tasks are assigned to, from `teams.yaml`:
///
/// ```yaml
/// agents:
///   - { id: c001, name: 张伟, kind: collector, channels: [call], languages: [zh-CN], daily_capacity: 60 }
///   - { id: f-sh-1, name: 上海外访一组, kind: field_team, channels: [visit], languages: [zh-CN], regions: [上海], daily_capacity: 6 }
/// ```
public enum TeamsConfig {
    public static let fileName = "teams.yaml"

    public static func load(fromDirectory directory: String) throws -> [Agent] {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return [] }
        return try parse(file.text, file: file.path)
    }

    /// The optional daily budgets of SMS and letters that optimised cells choose within:
    ///
    /// ```yaml
    /// daily_budgets: { sms: 20000, letter: 300 }   # pieces a day; leave a channel out for no limit
    /// ```
    ///
    /// None when the file or the key is absent.
    public static func budgets(fromDirectory directory: String) throws -> [Channel: Int] {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return [:] }
        return try parseBudgets(file.text, file: file.path)
    }

    public static func parseBudgets(_ text: String, file: String) throws -> [Channel: Int] {
        let top = ConfigFields(try ConfigYAML.compose(text, file: file), file: file)
        guard let section = try top.section("daily_budgets") else { return [:] }
        try section.only(["sms", "letter"])
        var budgets: [Channel: Int] = [:]
        for channel in [Channel.sms, .letter] {
            if let budget = try section.int(channel.rawValue, atLeast: 0) { budgets[channel] = budget }
        }
        return budgets
    }

    public static func parse(_ text: String, file: String) throws -> [Agent] {
        let root = try ConfigYAML.compose(text, file: file)
        guard let list = root?.mapping?["agents"]?.sequence else {
            throw ConfigError(file: file, line: root?.line, message: "needs a list under 'agents:'")
        }
        let keys = ["id", "name", "kind", "channels", "languages", "regions", "daily_capacity"]
        var agents: [Agent] = []
        var seen = Set<String>()
        for node in list {
            let line = node.line
            func fail(_ message: String) -> ConfigError { ConfigError(file: file, line: line, message: message) }
            guard node.mapping != nil else { throw fail("each agent needs id, name, kind, channels, languages and daily_capacity") }
            try ConfigFields(node, file: file).only(keys)
            guard let id = node.mapping?["id"]?.string, !id.isEmpty else { throw fail("agent has no id") }
            guard seen.insert(id).inserted else { throw fail("agent id '\(id)' is used twice") }
            let agent = ConfigFields(node, file: file, path: "agent '\(id)'")
            let kind = try agent.required("kind", agent.choice("kind", Agent.Kind.self))
            let channels = Set(try agent.choices("channels", Channel.self) ?? [])
            let languages = Set(try agent.choices("languages", Language.self) ?? [])
            guard !channels.isEmpty, !languages.isEmpty else { throw fail("agent '\(id)' needs at least one channel and one language") }
            let capacity = try agent.required("daily_capacity", agent.int("daily_capacity", atLeast: 0))
            agents.append(Agent(id: id, name: try agent.string("name") ?? id, kind: kind, channels: channels,
                                languages: languages, regions: Set(try agent.strings("regions") ?? []), dailyCapacity: capacity))
        }
        return agents
    }
}
