import ArrearsStore
import Foundation
import Yams

/// How `arrears outbox deliver` hands messages on, read from `outbox.yaml`:
///
/// ```yaml
/// adapter: file                          # file or webhook
/// file:
///   path: outbox/messages.jsonl          # relative to the folder arrears runs in
/// webhook:
///   url: https://sms.example.bank/arrears/messages
///   timeout_seconds: 10
///   concurrency: 8
///   headers: { Authorization: "${ARREARS_WEBHOOK_TOKEN}" }   # ${NAME} is read from the environment
/// retry: { max_attempts: 8, initial_delay_seconds: 60, multiplier: 2, max_delay_seconds: 3600 }
/// claim_timeout_seconds: 300
/// batch_size: 100
/// ```
///
/// Every key may be left out (the values above are the defaults), except `webhook.url` when the
/// adapter is `webhook`. A bad value is rejected with the line it is on.
public struct OutboxConfig: Sendable, Equatable {
    public enum Adapter: String, Sendable, CaseIterable {
        case file, webhook
    }

    public var adapter: Adapter
    public var filePath: String
    public var webhook: WebhookSettings?
    public var retry: RetryPolicy
    /// Seconds a `deliver` process holds the messages it claimed.
    public var claimTimeout: Int
    public var batchSize: Int

    public static let fileName = "outbox.yaml"
    public static let standard = OutboxConfig(
        adapter: .file, filePath: "outbox/messages.jsonl", webhook: nil, retry: .standard, claimTimeout: 300, batchSize: 100
    )

    public init(adapter: Adapter, filePath: String, webhook: WebhookSettings?, retry: RetryPolicy, claimTimeout: Int, batchSize: Int) {
        self.adapter = adapter
        self.filePath = filePath
        self.webhook = webhook
        self.retry = retry
        self.claimTimeout = claimTimeout
        self.batchSize = batchSize
    }

    /// The configuration in `directory/outbox.yaml`, or the standard one when there is no such file.
    public static func load(
        fromDirectory directory: String, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> OutboxConfig {
        guard let file = try ConfigYAML.read(fileName, inDirectory: directory) else { return .standard }
        return try parse(file.text, file: file.path, environment: environment)
    }

    public static func parse(_ text: String, file: String, environment: [String: String] = [:]) throws -> OutboxConfig {
        let root = try ConfigYAML.compose(text, file: file)
        guard let root else { return .standard }
        let top = ConfigFields(root, file: file)
        try top.only(["adapter", "file", "webhook", "retry", "claim_timeout_seconds", "batch_size"])
        var config = OutboxConfig.standard

        if let text = try top.string("adapter") {
            guard let adapter = Adapter(rawValue: text) else { throw top.fail("adapter", "adapter must be file or webhook, not '\(text)'") }
            config.adapter = adapter
        }
        if let section = try top.section("file") {
            try section.only(["path"])
            if let path = try section.string("path") {
                guard !path.isEmpty else { throw section.fail("path", "path must name a file") }
                config.filePath = path
            }
        }
        if let section = try top.section("webhook") {
            config.webhook = try webhook(section, environment: environment)
        } else if config.adapter == .webhook {
            throw top.fail("adapter", "adapter is webhook but there is no webhook section with a url")
        }
        if let section = try top.section("retry") {
            try section.only(["max_attempts", "initial_delay_seconds", "multiplier", "max_delay_seconds"])
            let standard = RetryPolicy.standard
            let initial = try section.int("initial_delay_seconds", atLeast: 0) ?? standard.initialDelay
            let maxDelay = try section.int("max_delay_seconds", atLeast: 0) ?? max(standard.maxDelay, initial)
            guard maxDelay >= initial else {
                throw section.fail("max_delay_seconds", "max_delay_seconds must be at least initial_delay_seconds (\(initial))")
            }
            config.retry = RetryPolicy(
                maxAttempts: try section.int("max_attempts", atLeast: 1) ?? standard.maxAttempts,
                initialDelay: initial,
                multiplier: try section.number("multiplier", atLeast: 1) ?? standard.multiplier,
                maxDelay: maxDelay
            )
        }
        config.claimTimeout = try top.int("claim_timeout_seconds", atLeast: 1) ?? config.claimTimeout
        config.batchSize = try top.int("batch_size", atLeast: 1) ?? config.batchSize
        if let problem = config.claimTimeoutProblem { throw top.fail("claim_timeout_seconds", problem) }
        return config
    }

    /// Why the claim timeout is too short for the webhook, if it is: a claim must outlast the
    /// slowest batch, or another process takes the batch over while it is still being sent.
    public var claimTimeoutProblem: String? {
        guard let webhook, claimTimeout <= webhook.worstCaseSeconds(batchSize: batchSize) else { return nil }
        return """
            claim_timeout_seconds (\(claimTimeout)) must exceed the longest a batch can take: \
            \(batchSize) messages, \(webhook.concurrency) at a time, \(webhook.timeout) s each = \
            \(webhook.worstCaseSeconds(batchSize: batchSize)) s
            """
    }

    private static func webhook(_ section: ConfigFields, environment: [String: String]) throws -> WebhookSettings {
        try section.only(["url", "timeout_seconds", "concurrency", "headers"])
        let text = try section.required("url", section.string("url"))
        guard let url = WebhookSettings.url(text) else {
            throw section.fail("url", "url must be an http or https URL, not '\(text)'")
        }
        var headers: [String: String] = [:]
        if let list = try section.section("headers") {
            for key in list.keys {
                guard let value = try list.string(key) else { throw list.fail(key, "\(key) needs a value") }
                headers[key] = try expand(value, in: list, key: key, environment: environment)
            }
        }
        return WebhookSettings(
            url: url,
            timeout: try section.int("timeout_seconds", atLeast: 1) ?? WebhookSettings.standardTimeout,
            concurrency: try section.int("concurrency", atLeast: 1) ?? WebhookSettings.standardConcurrency,
            headers: headers
        )
    }

    /// `${NAME}` as the value of the environment variable NAME, so that secrets stay out of the file.
    private static func expand(_ value: String, in section: ConfigFields, key: String, environment: [String: String]) throws -> String {
        guard value.hasPrefix("${"), value.hasSuffix("}") else { return value }
        let name = String(value.dropFirst(2).dropLast())
        guard let expanded = environment[name], !expanded.isEmpty else {
            throw section.fail(key, "\(key) reads the environment variable \(name), which is not set")
        }
        return expanded
    }
}
