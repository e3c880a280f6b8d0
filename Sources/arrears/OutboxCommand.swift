import ArgumentParser
import ArrearsStore
import ArrearsWorkflows
import Foundation

/// `arrears outbox`: hands the daily run's SMS and e-mail messages to the bank's platforms.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "Deliver the SMS and e-mail messages waiting in the outbox, retry failed ones, or count them.",
        discussion: "Adapters, retries and the callback are configured in CONFIG/outbox.yaml; see docs/outbox.md.",
        subcommands: [OutboxDeliverCommand.self, OutboxRetryCommand.self, OutboxStatusCommand.self]
    )
}

struct OutboxDeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver",
        abstract: "Attempt every message that is due, then stop.",
        discussion: """
        A failed attempt is retried by a later run after its backoff; after the last allowed attempt the \
        message is kept as failed. Several deliver processes may run at once: each message is claimed by \
        one of them. Run it from cron or a timer as often as messages should go out.
        """
    )

    @Option(name: .long, help: "file or webhook (default: the adapter in outbox.yaml; --file implies file, --url webhook).")
    var adapter: OutboxConfig.Adapter?

    @Option(name: .long, help: "The JSON-lines file the file adapter appends to (default: file.path in outbox.yaml).")
    var file: String?

    @Option(name: .long, help: "The URL the webhook adapter posts to (default: webhook.url in outbox.yaml).")
    var url: String?

    @Option(name: .long, help: "Attempt at most this many messages.")
    var limit: Int?

    @OptionGroup var options: StoreOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let url, WebhookSettings.url(url) == nil { throw ValidationError("--url must be an http or https URL, not '\(url)'") }
        if adapter == .file, url != nil { throw ValidationError("--url applies to the webhook adapter, not to --adapter file") }
        if adapter == .webhook, file != nil { throw ValidationError("--file applies to the file adapter, not to --adapter webhook") }
        if adapter == nil, file != nil, url != nil { throw ValidationError("--file and --url name different adapters; give one") }
    }

    func run() async throws {
        try await runReportingFailures {
            var config = try OutboxCommand.config(options)
            if let chosen = adapter ?? (file != nil ? .file : url != nil ? .webhook : nil) { config.adapter = chosen }
            if let file { config.filePath = file }
            if let url, let parsed = WebhookSettings.url(url) {
                let configured = config.webhook
                config.webhook = WebhookSettings(
                    url: parsed, timeout: configured?.timeout ?? WebhookSettings.standardTimeout,
                    concurrency: configured?.concurrency ?? WebhookSettings.standardConcurrency, headers: configured?.headers ?? [:]
                )
            }
            if let problem = config.claimTimeoutProblem { throw CLIFailure.rejected(problem) }
            let (outboxAdapter, target) = try OutboxCommand.adapter(for: config)
            try await options.withStore { store in
                var delivery = OutboxDelivery(
                    store: store, adapter: outboxAdapter, policy: config.retry, claimTimeout: config.claimTimeout, batchSize: config.batchSize
                )
                delivery.contactPolicy = try options.policy()
                let started = Date()
                let report: OutboxDeliveryReport
                do { report = try await delivery.deliverDue(limit: limit) } catch {
                    await outboxAdapter.shutdown()
                    throw error
                }
                await outboxAdapter.shutdown()
                var line = """
                    \(config.adapter.rawValue) \(target): attempted \(report.attempted), sent \(report.sent), \
                    retrying \(report.retrying), failed \(report.failed)
                    """
                if report.held + report.blocked > 0 {
                    line += "; the policy pack held \(report.held) until they are allowed and blocked \(report.blocked)"
                }
                if report.superseded > 0 { line += ", \(report.superseded) outcomes not recorded (claim expired or receiver reported)" }
                if report.stoppedAfterFailedBatch { line += "; stopped early: a whole batch failed, the rest waits for the next run" }
                Terminal.info(line + " in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
            }
        }
    }
}

struct OutboxRetryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retry",
        abstract: "Make every failed message pending again, with a fresh budget of attempts."
    )

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            try await options.withStore { store in
                let count = try await OutboxRepository.retryFailed(on: store.sql)
                Terminal.info("\(count) failed messages are pending again")
            }
        }
    }
}

struct OutboxStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print how many messages are in each status: pending, sending, sent, delivered, failed."
    )

    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            try await options.withStore { store in
                let counts = try await OutboxRepository.counts(on: store.sql)
                let output = BufferedOutput()
                for status in OutboxStatus.allCases {
                    output.write(status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0) + "\(counts[status] ?? 0)\n")
                }
                output.flush()
            }
        }
    }
}

extension OutboxConfig.Adapter: ExpressibleByArgument {}

extension OutboxCommand {
    /// The adapter `config` names, and where it delivers to (a file's path or a URL).
    static func adapter(for config: OutboxConfig) throws -> (adapter: any OutboxAdapter, target: String) {
        switch config.adapter {
        case .file:
            return (FileOutboxAdapter(path: config.filePath), config.filePath)
        case .webhook:
            guard let webhook = config.webhook else {
                throw CLIFailure.rejected("the webhook adapter needs a URL: give --url or webhook.url in outbox.yaml")
            }
            return (WebhookOutboxAdapter(settings: webhook), webhook.url.absoluteString)
        }
    }

    /// `CONFIG/outbox.yaml`, with a bad file rejected (exit 1).
    static func config(_ options: StoreOptions) throws -> OutboxConfig {
        do { return try OutboxConfig.load(fromDirectory: options.config) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
    }
}
