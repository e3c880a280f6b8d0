import ArrearsCore
import Crypto
import Foundation
import XCTest

/// The hand-written timestamp gives exactly what Foundation's general formatters give:
/// audit entries and stored timestamps written before and after must read alike.
final class UTCTimestampTests: XCTestCase {
    func testTheTimestampIsFoundationsISO8601Text() {
        let foundation = ISO8601DateFormatter()
        var generator = SystemRandomNumberGenerator()
        // Leap days, the turn of a century, before 1970, the fraction of a second dropped.
        var instants = ["2024-02-29T23:59:59Z", "2000-03-01T00:00:00Z", "1969-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "2026-11-24T02:00:00Z"]
            .map { foundation.date(from: $0)! }
        instants += (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -3_000_000_000...4_000_000_000, using: &generator)) }
        for instant in instants {
            XCTAssertEqual(UTCTimestamp.text(instant), foundation.string(from: instant), "\(instant.timeIntervalSince1970)")
        }
        let second = foundation.date(from: "2026-11-24T02:00:00Z")!
        XCTAssertEqual(UTCTimestamp.text(second.addingTimeInterval(0.999)), "2026-11-24T02:00:00Z")
        // Foundation rounds to the millisecond first: within half a millisecond of the next second
        // is the next second, on either side of 1970.
        for offset in [0.9994, 0.9996, -0.0004, -0.0006] {
            XCTAssertEqual(UTCTimestamp.text(second.addingTimeInterval(offset)), foundation.string(from: second.addingTimeInterval(offset)), "\(offset)")
            let early = Date(timeIntervalSince1970: -100 + offset)
            XCTAssertEqual(UTCTimestamp.text(early), foundation.string(from: early), "-100 + \(offset)")
        }
    }
}
