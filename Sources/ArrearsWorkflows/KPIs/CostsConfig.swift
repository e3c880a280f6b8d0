import ArrearsCore
import ArrearsStore
import Foundation

/// Reads the unit cost of each channel from `costs.yaml`:
///
/// ```yaml
/// currency: CNY
/// unit_costs:          # minor units of the currency per piece of work
///   sms: 5
///   call: 300
///   legal: 50000       # a legal review
/// ```
public enum CostsConfig {
    public static let fileName = "costs.yaml"
    /// The names in the file; `legal` is the legal-review channel.
    static let channels: [String: Channel] = ["sms": .sms, "email": .email, "letter": .letter, "call": .call, "visit": .visit, "legal": .legalReview]

    public static func load(fromDirectory directory: String) throws -> ChannelCosts {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> ChannelCosts {
        let root = try ConfigYAML.compose(text, file: file)
        guard let mapping = root?.mapping else { throw ConfigError(file: file, line: root?.line, message: "needs 'currency:' and 'unit_costs:'") }
        for key in mapping.keys.compactMap(\.string) where !["currency", "unit_costs"].contains(key) {
            throw ConfigError(file: file, line: mapping[key]?.line, message: "unknown key '\(key)' (expected currency, unit_costs)")
        }
        guard let code = mapping["currency"]?.string, let currency = Currency(code: code) else {
            throw ConfigError(file: file, line: mapping["currency"]?.line ?? root?.line, message: "currency must be an ISO 4217 code such as CNY")
        }
        guard let costs = mapping["unit_costs"]?.mapping else {
            throw ConfigError(file: file, line: mapping["unit_costs"]?.line ?? root?.line, message: "needs a mapping of channel to unit cost under 'unit_costs:'")
        }
        var unitMinor: [Channel: Int64] = [:]
        for (keyNode, valueNode) in costs {
            let name = keyNode.string ?? ""
            guard let channel = channels[name] else {
                throw ConfigError(file: file, line: keyNode.line, message: "unknown channel '\(name)' (expected \(channels.keys.sorted().joined(separator: ", ")))")
            }
            guard let value = valueNode.int, value >= 0 else {
                throw ConfigError(file: file, line: valueNode.line, message: "the unit cost of \(name) must be a whole number of minor units >= 0")
            }
            unitMinor[channel] = Int64(value)
        }
        return ChannelCosts(currency: currency, unitMinor: unitMinor)
    }
}
