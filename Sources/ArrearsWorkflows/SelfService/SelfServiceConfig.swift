import ArrearsCore
import ArrearsStore
import Foundation

/// What a customer may do alone on the self-service page, and how to pay, from
/// `config/selfservice.yaml`:
///
/// ```yaml
/// max_promise_days: 14       # a promise to pay falls due at most this many days ahead
/// max_instalments: 6         # a plan asked for has at most this many monthly instalments
/// how_to_pay:
///   zh-CN: "请转账至 …，附言填写账号。"
///   en: "Transfer to … with your account number as the reference."
/// ```
public struct SelfServiceConfig: Sendable, Equatable {
    public static let fileName = "selfservice.yaml"

    public var maxPromiseDays: Int
    public var maxInstalments: Int
    public var howToPay: [Language: String]

    public init(maxPromiseDays: Int = 14, maxInstalments: Int = 6, howToPay: [Language: String] = [:]) {
        self.maxPromiseDays = maxPromiseDays
        self.maxInstalments = maxInstalments
        self.howToPay = howToPay
    }

    public static func load(fromDirectory directory: String) throws -> SelfServiceConfig {
        let path = (directory as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: path) else { return SelfServiceConfig() }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw ConfigError(file: path, line: nil, message: "cannot be read: \(error.localizedDescription)")
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> SelfServiceConfig {
        let root = try ConfigYAML.compose(text, file: file)
        guard let mapping = root?.mapping else { throw ConfigError(file: file, line: root?.line, message: "needs max_promise_days, max_instalments and how_to_pay") }
        let keys: Set<String> = ["max_promise_days", "max_instalments", "how_to_pay"]
        for key in mapping.keys where !keys.contains(key.string ?? "") {
            throw ConfigError(file: file, line: key.line, message: "unknown key '\(key.string ?? "")' (expected \(keys.sorted().joined(separator: ", ")))")
        }
        var config = SelfServiceConfig()
        for (key, range, keyPath) in [("max_promise_days", 1...60, \SelfServiceConfig.maxPromiseDays), ("max_instalments", 2...60, \.maxInstalments)] {
            guard let node = mapping[key] else { continue }
            guard let value = node.int, range.contains(value) else {
                throw ConfigError(file: file, line: node.line, message: "\(key) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
            }
            config[keyPath: keyPath] = value
        }
        if let node = mapping["how_to_pay"] {
            guard let texts = node.mapping else { throw ConfigError(file: file, line: node.line, message: "how_to_pay needs a text per language (zh-CN, en)") }
            for (languageNode, textNode) in texts {
                guard let language = Language(rawValue: languageNode.string ?? ""), let text = textNode.string else {
                    throw ConfigError(file: file, line: languageNode.line, message: "how_to_pay: languages are zh-CN and en, each with a text")
                }
                config.howToPay[language] = text
            }
        }
        return config
    }
}
