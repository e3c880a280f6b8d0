import ArgumentParser
import ArrearsServer
import ArrearsStore
import ArrearsCore
import Foundation

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Start the web server on the database.")

    @OptionGroup var server: ServerOptions
    @OptionGroup var options: StoreOptions

    func run() async throws {
        try await runReportingFailures {
            let buckets = try options.buckets()
            try await options.withStore { store in try await server.serve(store: store, buckets: buckets) }
        }
    }
}

struct ServerOptions: ParsableArguments {
    @Option(name: .long, help: "The port to listen on.")
    var port: Int = 8080

    @Option(name: .long, help: "The address to listen on.")
    var hostname: String = "127.0.0.1"

    @Option(name: .long, help: "The folder holding Resources/Views and Public (default: the current folder).")
    var resources: String = FileManager.default.currentDirectoryPath

    /// Serves until interrupted (Ctrl-C or SIGTERM).
    func serve(store: Store, buckets: BucketScheme) async throws {
        Terminal.info("Arrears is serving \(store.url) at http://\(hostname):\(port)/")
        try await ArrearsServer.serve(
            ServerContext(store: store, buckets: buckets, resourcesDirectory: resources), hostname: hostname, port: port
        )
    }
}
