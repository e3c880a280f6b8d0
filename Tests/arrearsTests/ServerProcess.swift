import AsyncHTTPClient
import Foundation
import XCTest

extension CommandRunner {
    /// Starts `arrears serve` on a free port with its output kept in `log` (in the working folder),
    /// and waits until /health answers; returns the process, to stop, and the server's base URL.
    /// A server that could not bind its port (taken between the choice and the bind) is started
    /// again on another, twice at most.
    func startServer(_ database: [String], log: String) async throws -> (Process, String) {
        let logURL = directory.appendingPathComponent(log)
        var attempt = 0
        while true {
            attempt += 1
            let port = FreePort.pick()
            let output = Pipe()
            FileManager.default.createFile(atPath: logURL.path, contents: nil)
            let file = try FileHandle(forWritingTo: logURL)
            // Read as it comes, so that a full pipe never stops the server.
            output.fileHandleForReading.readabilityHandler = { handle in file.write(handle.availableData) }
            let server = try start(["serve", "--port", String(port)] + database, stdout: output, stderr: output)
            let base = "http://127.0.0.1:\(port)"
            if await Self.awaitHealth(base, of: server) { return (server, base) }
            let printed = String(decoding: (try? Data(contentsOf: logURL)) ?? Data(), as: UTF8.self)
            if attempt < 3, !server.isRunning, printed.contains("Address already in use") { continue }
            XCTFail("arrears serve did not answer /health within \(Int(Self.startDeadline)) seconds: \(printed)")
            return (server, base)
        }
    }
}
