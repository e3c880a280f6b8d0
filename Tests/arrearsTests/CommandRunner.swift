import Foundation
import XCTest

/// Runs the built `arrears` executable as a user would, in a temporary working folder.
struct CommandRunner {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
        var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `.build/debug/arrears`, next to the test bundle.
    static var executable: URL {
        var url = Bundle.main.bundleURL
        if url.pathExtension == "xctest" { url.deleteLastPathComponent() }
        return url.appendingPathComponent("arrears")
    }

    let directory: URL
    /// Added to the command's environment, for example `ARREARS_DATA_KEY`.
    var environment: [String: String] = [:]
    /// `ARREARS_PUBLIC_URL` of every command (`run-day` will not run the shipped strategy
    /// without one); nil to leave it unset.
    var publicURL: String? = CommandRunner.publicURL
    static let publicURL = "https://collections.example.test"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("arrears-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for link in ["config", "Public"] {
            try FileManager.default.createSymbolicLink(at: directory.appendingPathComponent(link), withDestinationURL: Self.packageRoot.appendingPathComponent(link))
        }
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    var databaseOption: [String] { ["--database", "sqlite:" + directory.appendingPathComponent("cli.sqlite").path] }

    /// `--database` for the SQLite file `name` in the working folder.
    func database(_ name: String) -> [String] { ["--database", "sqlite:" + directory.appendingPathComponent(name).path] }

    /// Runs `body` on SQLite (`sqlite`, `databaseOption` when nil) and then, when a PostgreSQL
    /// URL is given (`PostgresCommandSupport`), on that database emptied and migrated.
    func eachDatabase(sqlite: [String]? = nil, _ body: (_ db: [String], _ name: String) async throws -> Void) async throws {
        try await body(sqlite ?? databaseOption, "sqlite")
        if let url = PostgresCommandSupport.url() {
            try await PostgresCommandSupport.fresh(url)
            try await body(["--database", url], "postgres")
        }
    }

    /// Imports the sample portfolio into `db`: 2,000 customers (seed 9, as of 2026-06-30),
    /// generated into `sample/` the first time.
    func importSample(into db: [String]) throws {
        if !FileManager.default.fileExists(atPath: directory.appendingPathComponent("sample/customers.csv").path) {
            XCTAssertEqual(try run(["generate", "--customers", "2000", "--out", "sample", "--seed", "9", "--as-of", "2026-06-30"]).status, 0)
        }
        for kind in ["customers", "accounts", "dues", "payments"] {
            let result = try run(["import", kind, "sample/\(kind).csv"] + db)
            XCTAssertEqual(result.status, 0, result.stderr)
        }
    }

    func file(_ name: String, _ lines: [String]) throws -> String {
        let url = directory.appendingPathComponent(name)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// Starts the command without waiting for it; `stdin` is its standard input (default: none).
    func start(_ arguments: [String], stdin: Pipe? = nil, stdout: Pipe = Pipe(), stderr: Pipe = Pipe()) throws -> Process {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var inherited = ProcessInfo.processInfo.environment
        for name in ["ARREARS_DATABASE_URL", "ARREARS_DATA_KEY", "ARREARS_DATA_KEY_FILE", "ARREARS_PUBLIC_URL"] { inherited.removeValue(forKey: name) }
        inherited["ARREARS_PUBLIC_URL"] = publicURL
        // A default data key file is made here, never in the developer's home.
        inherited["XDG_CONFIG_HOME"] = directory.appendingPathComponent("xdg-config").path
        process.environment = inherited.merging(environment) { $1 }
        process.standardInput = stdin ?? FileHandle.nullDevice
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return process
    }

    /// Runs the command to its end; `input` is written to its standard input.
    @discardableResult
    func run(_ arguments: [String], input: String? = nil) throws -> Result {
        let out = Pipe(), err = Pipe()
        let stdin = input.map { _ in Pipe() }
        let process = try start(arguments, stdin: stdin, stdout: out, stderr: err)
        if let stdin, let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try stdin.fileHandleForWriting.close()
        }
        // Both pipes are read at once (a command that fills one while the test waits on the
        // other would wait for ever), and a command still running at the deadline is killed.
        let errors = DispatchGroup()
        let errData = LockedData()
        DispatchQueue.global().async(group: errors) { errData.set(err.fileHandleForReading.readDataToEndOfFile()) }
        let watchdog = DispatchWorkItem { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + Self.commandDeadline, execute: watchdog)
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errors.wait()
        process.waitUntilExit()
        watchdog.cancel()
        let result = Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData.value, as: UTF8.self))
        if process.terminationReason == .uncaughtSignal, process.terminationStatus == SIGKILL {
            XCTFail("arrears \(arguments.joined(separator: " ")) did not finish within \(Int(Self.commandDeadline)) s and was killed: \(result.stderr.suffix(2000))")
        }
        return result
    }
}

/// Data written by one thread and read by another once it is done.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ new: Data) { lock.lock(); data = new; lock.unlock() }
    var value: Data { lock.lock(); defer { lock.unlock() }; return data }
}
