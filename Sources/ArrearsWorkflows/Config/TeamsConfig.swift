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
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> [Agent] {
        let root = try ConfigYAML.compose(text, file: file)
        guard let list = root?.mapping?["agents"]?.sequence else {
            throw ConfigError(file: file, line: root?.line, message: "needs a list under 'agents:'")
        }
        let keys: Set<String> = ["id", "name", "kind", "channels", "languages", "regions", "daily_capacity"]
        var agents: [Agent] = []
        var seen = Set<String>()
        for node in list {
            let line = node.line
            func fail(_ message: String) -> ConfigError { ConfigError(file: file, line: line, message: message) }
            guard let mapping = node.mapping else { throw fail("each agent needs id, name, kind, channels, languages and daily_capacity") }
            if let unknown = mapping.keys.compactMap(\.string).first(where: { !keys.contains($0) }) {
                throw fail("unknown key '\(unknown)' (expected \(keys.sorted().joined(separator: ", ")))")
            }
            guard let id = mapping["id"]?.string, !id.isEmpty else { throw fail("agent has no id") }
            guard seen.insert(id).inserted else { throw fail("agent id '\(id)' is used twice") }
            guard let kindText = mapping["kind"]?.string, let kind = Agent.Kind(rawValue: kindText) else {
                throw fail("agent '\(id)': kind must be one of \(Agent.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            func list(_ key: String) -> [String] { mapping[key]?.sequence?.compactMap(\.string) ?? [] }
            var channels = Set<Channel>()
            for text in list("channels") {
                guard let channel = Channel(rawValue: text) else { throw fail("agent '\(id)': unknown channel '\(text)'") }
                channels.insert(channel)
            }
            var languages = Set<Language>()
            for text in list("languages") {
                guard let language = Language(rawValue: text) else { throw fail("agent '\(id)': unknown language '\(text)'") }
                languages.insert(language)
            }
            guard !channels.isEmpty, !languages.isEmpty else { throw fail("agent '\(id)' needs at least one channel and one language") }
            guard let capacity = mapping["daily_capacity"]?.int, capacity >= 0 else {
                throw fail("agent '\(id)': daily_capacity must be a whole number >= 0")
            }
            agents.append(Agent(id: id, name: mapping["name"]?.string ?? id, kind: kind, channels: channels,
                                languages: languages, regions: Set(list("regions")), dailyCapacity: capacity))
        }
        return agents
    }
}
