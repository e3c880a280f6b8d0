import ArrearsTestSupport
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import XCTest

/// `arrears serve` in a process of its own, as a bank runs it, so that a request that traps the
/// server shows as what it is, a dropped connection, rather than ending the test run; the
/// fuzzer then restarts it and goes on. Its output goes to `server.log` in `directory`.
final class FuzzServer: @unchecked Sendable {
    /// What came back for a request.
    enum Outcome {
        case answered(status: Int, headers: HTTPHeaders, body: String)
        /// No answer: the connection closed, reset or timed out.
        case dropped(String)
        /// The HTTP client would not send it (a URL it cannot parse): no fault of the server's.
        case unsendable(String)

        /// The status, or what happened instead, for the progress log.
        var status: String {
            switch self {
            case .answered(let status, _, _): String(status)
            case .dropped: "dropped"
            case .unsendable: "not sent"
            }
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/arrears`, next to the test bundle (built with the tests by `swift build --build-tests`).
    static var executable: URL {
        var url = Bundle.main.bundleURL
        if url.pathExtension == "xctest" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("arrears")
    }

    let directory: URL
    let database: String
    let dataKey: String
    private(set) var port = 0
    private(set) var restarts = 0
    private var process: Process?
    private let client = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton,
                                    configuration: .init(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(60))))

    init(directory: URL, database: String, dataKey: String) {
        self.directory = directory
        self.database = database
        self.dataKey = dataKey
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Starts the server and waits until `/health` answers 200.
    func start() async throws {
        guard FileManager.default.isExecutableFile(atPath: Self.executable.path) else {
            throw OpenAPIError("\(Self.executable.path) is missing: build it with `swift build --build-tests`")
        }
        port = try Self.freePort()
        let log = directory.appendingPathComponent("server.log")
        if !FileManager.default.fileExists(atPath: log.path) { FileManager.default.createFile(atPath: log.path, contents: nil) }
        let output = try FileHandle(forWritingTo: log)
        try output.seekToEnd()
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", String(port), "--database", database, "--resources", Self.packageRoot.path,
                             "--config", Self.packageRoot.appendingPathComponent("config").path]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["ARREARS_DATA_KEY"] = dataKey
        environment["ARREARS_DATABASE_URL"] = nil
        environment["LOG_LEVEL"] = "error"
        // A trap's message names the file and line; the backtrace would take seconds to print.
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["XDG_CONFIG_HOME"] = directory.appendingPathComponent("xdg-config").path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = output
        try process.run()
        self.process = process
        for _ in 0..<300 {
            if case .answered(200, _, _) = await send("GET", "/health") { return }
            guard process.isRunning else { break }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        throw OpenAPIError("arrears serve did not answer /health; its log:\n\(self.log())")
    }

    /// After a dropped connection: waits until the server either answers `/health` again or
    /// has exited, and then starts it again. Whether it exited is the answer.
    @discardableResult
    func restartIfStopped() async throws -> Bool {
        for _ in 0..<300 {
            guard process?.isRunning == true else { break }
            if case .answered(200, _, _) = await send("GET", "/health") { return false }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        if let process, process.isRunning {
            // Neither answering nor gone: a hung server, which is a finding, not a wait.
            process.killNow()
            throw OpenAPIError("arrears serve neither answered /health nor exited within 30 seconds; its log:\n\(self.log())")
        }
        process?.waitUntilExit()
        restarts += 1
        try await start()
        return true
    }

    var isRunning: Bool { process?.isRunning == true }

    func stop() async {
        if let process, process.isRunning {
            // Thirty seconds to stop on SIGTERM, then it is killed: a hung server holds up its
            // test, not the whole suite.
            process.stop()
        }
        try? await client.shutdown()
    }

    /// The last lines of the server's output.
    func log(lines: Int = 40) -> String {
        let text = (try? String(contentsOf: directory.appendingPathComponent("server.log"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }

    /// Sends one request; `path` is already percent-encoded. `raw` writes it on a socket of its
    /// own (`RawHTTP`), for request heads too large for the HTTP client to send well.
    func send(_ method: String, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil, raw: Bool = false) async -> Outcome {
        if raw {
            let (status, text) = await RawHTTP.exchange(port: port, RawHTTP.request(method, path, headers: headers, body: body))
            return status.map { .answered(status: $0, headers: [:], body: text) } ?? .dropped("closed without an answer: \(text.prefix(80))")
        }
        var request = HTTPClientRequest(url: base + path)
        request.method = HTTPMethod(rawValue: method)
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(request, timeout: .seconds(60))
            let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
            return .answered(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
        } catch let error as HTTPClientError where [.invalidURL, .emptyHost, .emptyScheme].contains(error) {
            return .unsendable(String(describing: error))
        } catch {
            return .dropped(String(describing: error))
        }
    }

    private static func freePort() throws -> Int {
        let socket = try ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton).bind(host: "127.0.0.1", port: 0).wait()
        let port = socket.localAddress?.port ?? 0
        try socket.close().wait()
        return port
    }
}
