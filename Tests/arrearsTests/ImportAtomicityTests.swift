import Foundation
import XCTest

/// An import killed half-way (kill -9) leaves nothing of its file behind, and running it again
/// completes it.
final class ImportAtomicityTests: XCTestCase {
    func testKilledImportLeavesNothingAndCanBeRunAgain() throws {
        let cli = try CommandRunner()
        defer { cli.remove() }
        XCTAssertEqual(try cli.run(["generate", "--customers", "30000", "--out", "sample", "--as-of", "2026-06-30"]).status, 0)
        for kind in ["customers", "accounts"] {
            XCTAssertEqual(try cli.run(["import", kind, "sample/\(kind).csv"] + cli.databaseOption).status, 0)
        }
        let importing = try cli.start(["import", "dues", "sample/dues.csv"] + cli.databaseOption)
        Thread.sleep(forTimeInterval: 0.8)
        kill(importing.processIdentifier, SIGKILL)
        importing.waitUntilExit()
        guard importing.terminationReason == .uncaughtSignal else {
            throw XCTSkip("the import finished before it could be killed")
        }

        let report = try cli.run(["report", "accounts", "--as-of", "2026-06-30"] + cli.databaseOption)
        XCTAssertEqual(report.status, 0, report.stderr)
        let rows = report.stdout.split(separator: "\n").dropFirst()
        XCTAssertFalse(rows.isEmpty)
        XCTAssertTrue(rows.allSatisfy { $0.hasSuffix(",0,current,0.00,0.00") || $0.hasSuffix(",0,current,0,0") },
                      "no due of the killed import is visible: \(rows.first { !$0.contains(",0,current,") } ?? "")")

        let again = try cli.run(["import", "dues", "sample/dues.csv"] + cli.databaseOption)
        XCTAssertEqual(again.status, 0, again.stderr)
        let lines = try String(contentsOf: cli.directory.appendingPathComponent("sample/dues.csv"), encoding: .utf8).split(separator: "\n").count - 1
        XCTAssertTrue(again.stderr.contains("imported \(lines) dues rows"), again.stderr)
    }
}
