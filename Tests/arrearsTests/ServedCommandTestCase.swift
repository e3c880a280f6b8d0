import ArrearsTestSupport
import AsyncHTTPClient
import Foundation
import XCTest

/// A test of the CLI that may start `arrears serve` or `arrears demo`: each test gets a fresh
/// `CommandRunner`, and afterwards the server it started in `server` is stopped and the runner's
/// files removed.
class ServedCommandTestCase: XCTestCase {
    var cli: CommandRunner!
    var server: Process?

    override func setUpWithError() throws { cli = try CommandRunner() }

    override func tearDown() {
        server?.stop()
        cli.remove()
    }

    /// Starts `arrears demo` of `customers` customers and `days` days, its users' password
    /// `password`, on a free port, and waits until /health answers; its address.
    func startDemo(customers: Int, days: Int, password: String) async throws -> URL {
        let port = FreePort.pick()
        server = try cli.start(["demo", "--customers", String(customers), "--days", String(days), "--port", String(port), "--demo-password", password]
                               + cli.databaseOption)
        let base = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)"))
        if await CommandRunner.awaitHealth(base.absoluteString, of: server) { return base }
        XCTFail("the demo server did not answer /health within \(Int(CommandRunner.startDeadline)) seconds")
        return base
    }
}
