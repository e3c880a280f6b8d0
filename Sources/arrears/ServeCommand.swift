import ArgumentParser
import ArrearsServer
import ArrearsStore
import ArrearsCore
import ArrearsWorkflows
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Start the web server on the database.")

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            let policy = try options.policy()
            let analytics = try options.analytics(strategy: try options.strategy(path: nil, buckets: buckets))
            let authority = try options.authority()
            let selfService = try options.selfService()
            let dateRules = try options.dateRules()
            let talkTracks = try options.talkTracks()
            try await options.withStore { store in
                try await server.serve(store: store, buckets: buckets, policy: policy, analytics: analytics, authority: authority, selfService: selfService,
                                       dateRules: dateRules, talkTracks: talkTracks)
            }
        }
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
               selfService: SelfServiceConfig, dateRules: InputDateRules = InputDateRules(), talkTracks: TalkTracks = TalkTracks()) async throws {
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
        try await ArrearsServer.serve(context, hostname: hostname, port: port, metrics: metricsPort.map { (metricsHostname, $0) })
    }
}
