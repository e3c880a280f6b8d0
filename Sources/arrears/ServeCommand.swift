import ArgumentParser
import ArrearsServer
import ArrearsStore
import ArrearsCore
import ArrearsWorkflows
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Start the web server on the database.",
        discussion: """
        With --schedule the server also runs the daily run at the time CONFIG/schedule.yaml gives on each business day, \
        delivers the outbox continuously and raises the alarm when a day is not complete by the deadline; any number of \
        servers may run with --schedule on one PostgreSQL database, one of them leads each job (docs/scale-out.md). \
        With ARREARS_READ_DATABASE_URL the reports and analytics pages read from that database (a replica).
        """
    )

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: StoreOptions

    @Flag(name: .long, help: "Also run the daily run and deliver the outbox as CONFIG/schedule.yaml says (one leader among the servers).")
    var schedule = false

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            let policy = try options.policy()
            let analytics = try options.analytics(strategy: try options.strategy(path: nil, buckets: buckets))
            let authority = try options.authority()
            let selfService = try options.selfService()
            let dateRules = try options.dateRules()
            let talkTracks = try options.talkTracks()
            let scheduled = schedule ? try scheduleConfig(holidays: policy.pack.holidays) : nil
            try await options.withStore { store in
                try await options.withReadStore { readStore in
                    // The jobs end before the store closes: a run under way is finished first.
                    let jobs = scheduled.map { config in Task { await scheduledJobs(config, store: store, buckets: buckets).run() } }
                    do {
                        try await server.serve(store: store, buckets: buckets, policy: policy, analytics: analytics, authority: authority, selfService: selfService,
                                               dateRules: dateRules, talkTracks: talkTracks, readStore: readStore, schedule: scheduled?.schedule)
                    } catch {
                        jobs?.cancel()
                        await jobs?.value
                        throw error
                    }
                    jobs?.cancel()
                    await jobs?.value
                }
            }
        }
    }
}

extension ServeCommand {
    /// `CONFIG/schedule.yaml`; without it `--schedule` is refused (exit 78).
    private func scheduleConfig(holidays: HolidayCalendar) throws -> ScheduleConfig {
        let loaded: ScheduleConfig?
        do { loaded = try ScheduleConfig.load(fromDirectory: options.config, defaultHolidays: holidays) } catch let error as ConfigError {
            throw CLIFailure.rejected(error.description)
        }
        guard let loaded else {
            throw CLIFailure.unconfigured("--schedule needs \((options.config as NSString).appendingPathComponent(ScheduleConfig.fileName)) (docs/scale-out.md)")
        }
        return loaded
    }

    /// The daily run as `run-day --date` does it, and the outbox's delivery as `outbox deliver` does it.
    private func scheduledJobs(_ config: ScheduleConfig, store: Store, buckets: BucketScheme) -> ScheduledJobs {
        let options = options
        var jobs = ScheduledJobs(store: store, config: config, buckets: buckets, runDay: { date in
            var command = try RunDayCommand.parse(["--date", date.description])
            command.options = options
            try await command.runDay(on: store, try command.prepare())
        }, deliverOutbox: {
            let outbox = try OutboxCommand.config(options)
            if let problem = outbox.claimTimeoutProblem { throw CLIFailure.rejected(problem) }
            let (adapter, _) = try OutboxCommand.adapter(for: outbox)
            var delivery = OutboxDelivery(store: store, adapter: adapter, policy: outbox.retry, claimTimeout: outbox.claimTimeout, batchSize: outbox.batchSize)
            delivery.contactPolicy = try options.policy()
            do {
                let report = try await delivery.deliverDue(limit: nil)
                if report.attempted + report.held + report.blocked > 0 {
                    Terminal.info("""
                        outbox: attempted \(report.attempted), sent \(report.sent), retrying \(report.retrying), failed \(report.failed); \
                        the policy pack held \(report.held) and blocked \(report.blocked)
                        """)
                }
            } catch {
                await adapter.shutdown()
                throw error
            }
            await adapter.shutdown()
        })
        jobs.say = { Terminal.info($0) }
        return jobs
    }
}

struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on.")
    var hostname: String = "127.0.0.1"

    @Option(name: .long, help: "The folder holding Public and config (default: the current folder).")
    var resources: String = FileManager.default.currentDirectoryPath

    @Flag(name: .long, help: "Mark the session cookie Secure on every response (by default only on requests that came over HTTPS, directly or as X-Forwarded-Proto: https).")
    var secureCookies = false

    @Flag(name: .long, help: "Behind a load balancer: take the client's address for sign-in throttling from the last hop of X-Forwarded-For.")
    var trustForwardedFor = false

    @Option(name: .long, help: "Also serve GET /metrics (Prometheus) without a token on this port; on the main port it needs an admin's token.")
    var metricsPort: Int?

    @Option(name: .long, help: "The address the --metrics-port listener binds (default: loopback only).")
    var metricsHostname: String = "127.0.0.1"

    /// Where people sign in.
    var signInURL: String { "http://\(hostname):\(port)/login" }

    /// Serves until interrupted (Ctrl-C or SIGTERM).
    func serve(store: Store, buckets: BucketScheme, policy: PolicySettings, analytics: AnalyticsSettings, authority: AuthorityLimits,
               selfService: SelfServiceConfig, dateRules: InputDateRules = InputDateRules(), talkTracks: TalkTracks = TalkTracks(),
               readStore: Store? = nil, schedule: DailySchedule? = nil) async throws {
        Terminal.info("Arrears is serving \(store.url) at http://\(hostname):\(port)/")
        let security = SecuritySettings(secureCookies: secureCookies, trustForwardedFor: trustForwardedFor)
        var context = ServerContext(store: store, buckets: buckets, resourcesDirectory: resources, security: security, policy: policy, analytics: analytics)
        context.authority = authority
        context.selfService = selfService
        context.publicURL = "http://\(hostname):\(port)"
        if let text = ProcessInfo.processInfo.environment[PublicAddress.environmentVariable], !text.isEmpty {
            do { context.publicURL = try PublicAddress(text).url } catch {
                throw CLIFailure.rejected("\(PublicAddress.environmentVariable): \(error)")
            }
        }
        context.dateRules = dateRules
        context.talkTracks = talkTracks
        context.readStore = readStore
        context.schedule = schedule
        try await ArrearsServer.serve(context, hostname: hostname, port: port, metrics: metricsPort.map { (metricsHostname, $0) })
    }
}
