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
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return SelfServiceConfig() }
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws -> SelfServiceConfig {
        let root = try ConfigYAML.compose(text, file: file)
        let fields = ConfigFields(root, file: file)
        try fields.only(["how_to_pay", "max_instalments", "max_promise_days"])
        var config = SelfServiceConfig()
        for (key, range, keyPath) in [("max_promise_days", 1...60, \SelfServiceConfig.maxPromiseDays), ("max_instalments", 2...60, \.maxInstalments)] {
            if let value = try fields.int(key, in: range) { config[keyPath: keyPath] = value }
        }
        config.howToPay = try fields.texts("how_to_pay") ?? [:]
        return config
    }
}
