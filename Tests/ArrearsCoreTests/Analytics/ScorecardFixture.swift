import ArrearsCore
import Foundation
import XCTest

/// Small hand-made data sets for the scorecard tests.
enum ScorecardFixture {
    /// The Taiwan fixture's CSV text (`Tests/Fixtures/taiwan`), inflated by the system's `gzip`.
    static func taiwan() throws -> String {
        let file = ScorecardFixture.packageRoot.appendingPathComponent("Tests/Fixtures/taiwan/default-of-credit-card-clients.csv.gz")
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        gzip.arguments = ["gzip", "-dc", file.path]
        let output = Pipe()
        gzip.standardOutput = output
        try gzip.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        gzip.waitUntilExit()
        XCTAssertEqual(gzip.terminationStatus, 0, "gzip -dc \(file.path)")
        return String(decoding: data, as: UTF8.self)
    }

    /// Settings that keep every feature and every bin, so tests see the binning itself.
    static let keepEverything = ScorecardSettings(minBinShare: 0, l2: 0, minInformationValue: 0, maxCorrelation: nil)

    /// `count` rows of `value`, of which `events` have the event.
    static func rows<Value>(_ value: Value, count: Int, events: Int) -> [(Value, Bool)] {
        (0..<count).map { (value, $0 < events) }
    }

    /// One numeric feature named "x" and its outcomes from groups of rows.
    static func numeric(_ groups: [(Double, Bool)], monotonicity: Monotonicity = .auto) -> ([Feature], [Bool]) {
        ([Feature(name: "x", values: .numeric(groups.map(\.0)), monotonicity: monotonicity)], groups.map(\.1))
    }

    /// One categorical feature named "c" and its outcomes from groups of rows.
    static func categorical(_ groups: [(String, Bool)]) -> ([Feature], [Bool]) {
        ([Feature(name: "c", values: .categorical(groups.map(\.0)))], groups.map(\.1))
    }

    /// The package root, where `Tests/Fixtures` lives.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func fixture(_ name: String) -> URL {
        packageRoot.appendingPathComponent("Tests/Fixtures/scorecard").appendingPathComponent(name)
    }
}
