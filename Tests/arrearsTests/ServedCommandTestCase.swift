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
        server?.terminate()
        server?.waitUntilExit()
        cli.remove()
    }
}
