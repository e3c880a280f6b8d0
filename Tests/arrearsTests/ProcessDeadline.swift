import ArrearsTestSupport
import AsyncHTTPClient
import Foundation

extension CommandRunner {
    /// How long one command may run before the test kills it and fails: far longer than any
    /// command of the suite takes on a loaded CI machine, short of CI's own limit.
    static let commandDeadline: Double = 900

    /// How long a started server may take to answer /health: the demo builds its world first,
    /// and a debug build on a loaded CI machine is slow.
    static let startDeadline: Double = 180

    /// Waits until `base`/health answers 200, up to `startDeadline`, or until `process` ends;
    /// whether it answered.
    static func awaitHealth(_ base: String, of process: Process?) async -> Bool {
        let end = Date().addingTimeInterval(startDeadline)
        while Date() < end {
            if let answer = try? await HTTPClient.shared.execute(HTTPClientRequest(url: base + "/health"), timeout: .seconds(5)),
               answer.status == .ok { return true }
            if let process, !process.isRunning { return false }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return false
    }
}
