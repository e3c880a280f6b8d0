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
        return try parse(try ConfigYAML.read(path), file: path)
    }

    public static func parse(_ text: String, file: String) throws -> ChannelCosts {
        let root = try ConfigYAML.compose(text, file: file)
        let fields = ConfigFields(root, file: file)
        try fields.only(["currency", "unit_costs"])
        guard let code = try fields.string("currency"), let currency = Currency(code: code) else {
            throw fields.fail("currency", "currency must be an ISO 4217 code such as CNY")
        }
        guard let costs = try fields.section("unit_costs")?.mapping else {
            throw fields.fail("unit_costs", "needs a mapping of channel to unit cost under 'unit_costs:'")
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
