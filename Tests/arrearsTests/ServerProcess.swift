import AsyncHTTPClient
import Foundation
import XCTest

extension CommandRunner {
    /// Starts `arrears serve` on a free port with its output kept in `log` (in the working folder),
    /// and waits until /health answers; returns the process, to stop, and the server's base URL.
    func startServer(_ database: [String], log: String) async throws -> (Process, String) {
        let port = Int.random(in: 20_000..<40_000)
        let output = Pipe()
        let logURL = directory.appendingPathComponent(log)
        FileManager.default.createFile(atPath: logURL.path, contents: nil)
        let file = try FileHandle(forWritingTo: logURL)
        // Read as it comes, so that a full pipe never stops the server.
        output.fileHandleForReading.readabilityHandler = { handle in file.write(handle.availableData) }
        let server = try start(["serve", "--port", String(port)] + database, stdout: output, stderr: output)
        let base = "http://127.0.0.1:\(port)"
        if await Self.awaitHealth(base, of: server) { return (server, base) }
        XCTFail("arrears serve did not answer /health within \(Int(Self.startDeadline)) seconds: \(String(decoding: (try? Data(contentsOf: logURL)) ?? Data(), as: UTF8.self))")
        return (server, base)
    }
}
